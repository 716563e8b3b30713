import { describe, expect, it } from 'vitest';
import { portalBaseUrl } from './portal-url.ts';

describe('portalBaseUrl', () => {
  it('is the public URL for a partner without portal hostnames', () => {
    expect(portalBaseUrl('https://app.laras.example', [])).toBe('https://app.laras.example');
  });

  it('puts the partner first hostname on the public URL, keeping scheme and port', () => {
    expect(portalBaseUrl('https://app.laras.example', ['portal.acme.example', 'acme.example'])).toBe(
      'https://portal.acme.example',
    );
    expect(portalBaseUrl('http://127.0.0.1:3000', ['acme.localhost'])).toBe('http://acme.localhost:3000');
  });
});
