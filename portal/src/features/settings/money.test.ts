import { describe, expect, it } from 'vitest';
import { fromMinorUnits, minorDigits, toMinorUnits } from './money.ts';

describe('prices in minor units', () => {
  it('uses the ISO 4217 exponent of each currency', () => {
    expect(minorDigits('IDR')).toBe(2);
    expect(minorDigits('USD')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
    expect(minorDigits('KWD')).toBe(3);
  });

  it('turns typed major units into integer minor units without float rounding', () => {
    expect(toMinorUnits('125000', 'IDR')).toBe(12_500_000);
    expect(toMinorUnits(' 19.99 ', 'USD')).toBe(1999);
    expect(toMinorUnits('0.29', 'USD')).toBe(29);
    expect(toMinorUnits('12.5', 'USD')).toBe(1250);
    expect(toMinorUnits('12.', 'USD')).toBe(1200);
    expect(toMinorUnits('500', 'JPY')).toBe(500);
    expect(toMinorUnits('1.250', 'KWD')).toBe(1250);
  });

  it('refuses what is not a plain price for the currency', () => {
    expect(toMinorUnits('', 'USD')).toBeNull();
    expect(toMinorUnits('-1', 'USD')).toBeNull();
    expect(toMinorUnits('1,000', 'USD')).toBeNull();
    expect(toMinorUnits('1.999', 'USD')).toBeNull();
    expect(toMinorUnits('5.5', 'JPY')).toBeNull();
    expect(toMinorUnits('abc', 'USD')).toBeNull();
    expect(toMinorUnits('10000000001', 'USD')).toBeNull();
  });

  it('shows minor units as the major-unit number people edit', () => {
    expect(fromMinorUnits(12_500_000, 'IDR')).toBe('125000');
    expect(fromMinorUnits(2550, 'USD')).toBe('25.50');
    expect(fromMinorUnits(5, 'USD')).toBe('0.05');
    expect(fromMinorUnits(0, 'USD')).toBe('0');
    expect(fromMinorUnits(500, 'JPY')).toBe('500');
    for (const [typed, currency] of [
      ['19.99', 'USD'],
      ['1.250', 'KWD'],
      ['125000', 'IDR'],
    ] as const) {
      const amount = toMinorUnits(typed, currency);
      expect(amount).not.toBeNull();
      expect(toMinorUnits(fromMinorUnits(amount ?? 0, currency), currency)).toBe(amount);
    }
  });
});
