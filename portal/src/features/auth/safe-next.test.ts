import { describe, expect, it } from 'vitest';
import { safeNext } from './safe-next.ts';

describe('safeNext', () => {
  it('keeps same-site paths', () => {
    expect(safeNext('/settings/integrations?status=connected')).toBe(
      '/settings/integrations?status=connected',
    );
  });

  it('refuses other sites and odd values', () => {
    for (const next of ['https://evil.example/', '//evil.example', '/\\evil.example', 'settings', '', null]) {
      expect(safeNext(next)).toBe('/settings/integrations');
    }
  });
});
