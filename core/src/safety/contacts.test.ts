import { describe, expect, it } from 'vitest';
import { contactsNotIn, findContacts } from './contacts.ts';

const context = 'Call 0812-3456-7890 or mail halo@demokopi.id. Menu: https://demokopi.id/menu';

describe('findContacts', () => {
  it('finds each kind', () => {
    const kinds = findContacts(
      'Hubungi +62 811 2222 3333, cs@toko.com, www.toko.com/promo, token sk-abcdefghijklmnopqrstuvwx',
    ).map((c) => c.kind);
    expect(kinds.sort()).toEqual(['email', 'phone', 'token', 'url']);
  });

  it('does not take prices, times, dates or ranges for phone numbers', () => {
    expect(findContacts('Rp 12.500.000, 14:00 WIB, 2026-11-25, 1-2 days, 09:00-17:00, GAYO-250')).toEqual([]);
  });
});

describe('contactsNotIn', () => {
  it('passes contacts the context contains, in any written form', () => {
    expect(contactsNotIn('WA kami di +62 812 3456 7890 atau HALO@demokopi.id', context)).toEqual([]);
    expect(contactsNotIn('Menu: demokopi.id/menu/', context)).toEqual([]);
  });

  it('fails contacts the context does not contain', () => {
    const found = contactsNotIn(
      'Call 0813-9999-0000, mail sales@other.com, see https://evil.example.com/pay, transfer ke BCA 1234567890, wa.me/6281399990000',
      context,
    );
    expect(found.map((c) => c.kind)).toEqual(['email', 'url', 'url', 'phone', 'phone']);
  });

  it('fails token-like strings', () => {
    for (const token of [
      'sk-proj-abcdefghijklmnopqrstuvwxyz',
      `EAAG${'x1Y'.repeat(12)}`,
      'a3f5c9e1b2d4f6a8c0e2b4d6f8a0c2e4',
      'QWxhZGRpbjpvcGVuIHNlc2FtZTEyMzQ1Njc4OTA=',
    ]) {
      expect(
        contactsNotIn(`here: ${token}`, context).map((c) => c.kind),
        token,
      ).toEqual(['token']);
    }
  });
});
