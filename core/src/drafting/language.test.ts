import { describe, expect, it } from 'vitest';
import { defaultLanguage, detectLanguage } from './language.ts';

describe('detectLanguage', () => {
  it.each([
    ['berapa harga kopi gayo?', 'id'],
    ['Kak, ready stok nya?', 'id'],
    ['Selamat pagi, ongkir ke Bandung berapa?', 'id'],
    ['pesanan saya belum sampai', 'id'],
    ['How much is the Gayo?', 'en'],
    ['Do you ship to Singapore?', 'en'],
    ['Hello, is the tote still available?', 'en'],
  ] as const)('%s -> %s', (text, language) => {
    expect(detectLanguage(text)).toBe(language);
  });

  it('falls back when the text gives no signal', () => {
    expect(detectLanguage('Gayo?', 'id')).toBe('id');
    expect(detectLanguage('👍', 'en')).toBe('en');
  });
});

describe('defaultLanguage', () => {
  it('takes the first English or Indonesian tag', () => {
    expect(defaultLanguage(['id-ID', 'en'])).toBe('id');
    expect(defaultLanguage(['fr', 'en-US'])).toBe('en');
    expect(defaultLanguage(['ja'])).toBe('en');
  });
});
