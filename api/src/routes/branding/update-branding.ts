import { UpdateBrandingInputSchema, updateBranding as update } from '@laras/core/branding';
import { presentBranding } from '../../presenters/branding.ts';
import { defineRoute } from '../../routing/define-route.ts';

export const updateBranding = defineRoute('updateBranding')({
  auth: 'partner',
  schemas: { body: UpdateBrandingInputSchema },
  async handler({ deps, principal, body }) {
    const branding = await update(
      { db: deps.db, publicUrl: deps.config.http.publicUrl, dns: deps.config.dns },
      principal,
      body,
    );
    return { status: 200, body: presentBranding(branding) };
  },
});
