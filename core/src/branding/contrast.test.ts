import { expect, it } from 'vitest';
import { contrastRatio, readableTextColor } from './contrast.ts';

it('picks the text colour with the better contrast, which is always readable', () => {
  expect(readableTextColor('#ffffff')).toBe('#000000');
  expect(readableTextColor('#0f766e')).toBe('#ffffff');
  expect(readableTextColor('#facc15')).toBe('#000000');
  for (const colour of ['#0a7cff', '#ff0000', '#777777', '#00ff00', '#1e1b4b']) {
    expect(contrastRatio(colour, readableTextColor(colour)), colour).toBeGreaterThanOrEqual(4.5);
  }
  expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
});
