import { describe, expect, it } from 'vitest';
import { formatMoney, minorDigits } from './money.ts';

describe('formatMoney', () => {
  it('shows IDR without decimals although ISO gives it two minor digits', () => {
    expect(minorDigits('IDR')).toBe(2);
    expect(formatMoney({ amount: 12_500_000, currency: 'IDR' })).toBe('Rp 125.000');
    expect(formatMoney({ amount: 25_000_000, currency: 'IDR' })).toBe('Rp 250.000');
  });

  it('shows USD cents', () => {
    expect(formatMoney({ amount: 2500, currency: 'USD' })).toBe('$25.00');
    expect(formatMoney({ amount: 123_456, currency: 'USD' })).toBe('$1,234.56');
  });

  it('treats JPY amounts as whole yen (0 minor digits)', () => {
    expect(minorDigits('JPY')).toBe(0);
    expect(formatMoney({ amount: 1500, currency: 'JPY' })).toBe('¥1,500');
  });

  it('uses three minor digits for KWD', () => {
    expect(formatMoney({ amount: 1250, currency: 'KWD' })).toBe('KWD 1.250');
  });
});
