import { resendWebhookEvent as resend } from '@laras/core/dispatch';
import { defineRoute } from '../../routing/define-route.ts';

export const resendWebhookEvent = defineRoute('resendWebhookEvent')({
  auth: 'partner',
  async handler({ deps, principal, params }) {
    const result = await resend(deps, principal, params.endpoint_id ?? '', params.event_id ?? '');
    return { status: 202, body: { requeued: result.requeued } };
  },
});
