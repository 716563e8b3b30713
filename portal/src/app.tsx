import { Navigate, Route, Routes } from 'react-router';
import { ApprovalsPage } from './features/approvals/approvals-page.tsx';
import { LoginPage } from './features/auth/login-page.tsx';
import { RequireSession } from './features/auth/require-session.tsx';
import { SignInLinkPage } from './features/auth/sign-in-link-page.tsx';
import { ApiKeysPage } from './features/console/api-keys-page.tsx';
import { BrandingPage } from './features/console/branding-page.tsx';
import { ConsoleLoginPage } from './features/console/console-login-page.tsx';
import { ConsoleShell } from './features/console/console-shell.tsx';
import { WebhooksPage } from './features/console/webhooks-page.tsx';
import { WorkspacesPage } from './features/console/workspaces-page.tsx';
import { InboxPage } from './features/inbox/inbox-page.tsx';
import { IntegrationsPage } from './features/integrations/integrations-page.tsx';
import { BusinessContextPage } from './features/settings/business-context-page.tsx';
import { ReviewRulesPage } from './features/settings/review-rules-page.tsx';
import { Shell } from './layout/shell.tsx';

/** The portal's routes, and the partner console's under /console. Everything but sign-in needs a session. */
export function App() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/sign-in" element={<SignInLinkPage />} />
      <Route element={<RequireSession />}>
        <Route element={<Shell />}>
          <Route path="/inbox" element={<InboxPage />} />
          <Route path="/inbox/:conversationId" element={<InboxPage />} />
          <Route path="/approvals" element={<ApprovalsPage />} />
          <Route path="/settings/integrations" element={<IntegrationsPage />} />
          <Route path="/settings/business" element={<BusinessContextPage />} />
          <Route path="/settings/review-rules" element={<ReviewRulesPage />} />
        </Route>
      </Route>
      <Route path="/console/login" element={<ConsoleLoginPage />} />
      <Route path="/console" element={<ConsoleShell />}>
        <Route index element={<Navigate to="/console/workspaces" replace />} />
        <Route path="workspaces" element={<WorkspacesPage />} />
        <Route path="api-keys" element={<ApiKeysPage />} />
        <Route path="branding" element={<BrandingPage />} />
        <Route path="webhooks" element={<WebhooksPage />} />
        <Route path="*" element={<Navigate to="/console/workspaces" replace />} />
      </Route>
      <Route path="*" element={<Navigate to="/inbox" replace />} />
    </Routes>
  );
}
