import { expect, it } from 'vitest';
import { loggablePath } from './request-log.ts';

it('keeps connect link tokens out of the log and leaves other paths alone', () => {
  expect(loggablePath('/connect/KAQfwgkBHpg0G2UZpIQkdYQVZj8O2aftAt8yspVbFCk')).toBe('/connect/[redacted]');
  expect(loggablePath('/connect/abc/attempts')).toBe('/connect/[redacted]/attempts');
  expect(loggablePath('/v1/workspaces/ws_1/connections')).toBe('/v1/workspaces/ws_1/connections');
});
