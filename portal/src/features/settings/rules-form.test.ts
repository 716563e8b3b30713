import { describe, expect, it } from 'vitest';
import { confidenceToPercent, linesToList, listToLines, percentToConfidence } from './rules-form.ts';

describe('review rules form', () => {
  it('reads one phrase per line, dropping blanks and repeats', () => {
    expect(linesToList(' refund \n\nRefund\ncomplaint\n  ')).toEqual(['refund', 'complaint']);
    expect(linesToList('')).toEqual([]);
    expect(listToLines(['refund', 'complaint'])).toBe('refund\ncomplaint');
  });

  it('converts confidence between percent and the API fraction', () => {
    expect(percentToConfidence('70')).toBe(0.7);
    expect(percentToConfidence('0')).toBe(0);
    expect(percentToConfidence('100')).toBe(1);
    expect(percentToConfidence('57.5')).toBe(0.575);
    expect(percentToConfidence('101')).toBeNull();
    expect(percentToConfidence('-5')).toBeNull();
    expect(percentToConfidence('')).toBeNull();
    expect(confidenceToPercent(0.7)).toBe('70');
    expect(confidenceToPercent(0.575)).toBe('57.5');
  });
});
