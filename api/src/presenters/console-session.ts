import type { ConsoleSession } from '@laras/core/console-sessions';
import type { components } from '@laras/openapi';

export function presentConsoleSession(session: ConsoleSession): components['schemas']['ConsoleSession'] {
  return {
    partner_id: session.partnerId,
    api_key_id: session.apiKeyId,
    mode: session.mode,
    csrf_token: session.csrfToken,
    expires_at: session.expiresAt.toISOString(),
  };
}
