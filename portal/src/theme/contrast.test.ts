import { describe, expect, it } from 'vitest';
import { brandVariables } from './brand.ts';
import { contrastRatio, DARK_TEXT, LIGHT_TEXT, parseHex, textOn, withContrast } from './contrast.ts';

describe('contrast', () => {
  it('computes WCAG ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBe(1);
    // WCAG's own example: #777777 on white is about 4.48.
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  it('rejects what is not #RRGGBB', () => {
    expect(parseHex('red')).toBeNull();
    expect(() => contrastRatio('#fff', '#000000')).toThrow(TypeError);
  });

  it('puts dark text on light colours and white text on dark ones', () => {
    expect(textOn('#ffeb3b')).toBe(DARK_TEXT);
    expect(textOn('#1e3a8a')).toBe(LIGHT_TEXT);
  });

  it('darkens a pale brand colour until it reads on white', () => {
    const pale = '#fde047';
    expect(contrastRatio(pale, '#ffffff')).toBeLessThan(4.5);
    const fixed = withContrast(pale, '#ffffff');
    expect(contrastRatio(fixed, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(withContrast('#1e3a8a', '#ffffff')).toBe('#1e3a8a');
  });

  it('derives readable brand variables for any primary colour', () => {
    for (const primary of ['#fde047', '#0f766e', '#ffffff', '#000000', '#e11d48']) {
      const vars = brandVariables({
        display_name: 'P',
        logo_url: null,
        primary_color: primary,
        support_email: null,
      });
      expect(contrastRatio(vars['--brand-on-primary'] ?? '', primary)).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(vars['--brand-accent-text'] ?? '', '#ffffff')).toBeGreaterThanOrEqual(4.5);
    }
  });
});
