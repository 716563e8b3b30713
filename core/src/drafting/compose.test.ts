import { describe, expect, it } from 'vitest';
import { fitToChannel, greetingText, voiceFor } from './compose.ts';
import { roastery } from './test-contexts.ts';

describe('compose', () => {
  it('honours a formal tone', () => {
    const formal = { ...roastery, business: { ...roastery.business, tone: 'sopan dan resmi' } };
    expect(greetingText(voiceFor(formal, 'id'))).toBe(
      'Halo, terima kasih telah menghubungi Kopi Senja Roastery. Ada yang bisa kami bantu?',
    );
    expect(voiceFor(roastery, 'id').formal).toBe(false);
  });

  it('cuts long replies at a sentence end for Instagram DMs only', () => {
    const long = 'Our policy sentence is here. '.repeat(60).trim();
    const dm = fitToChannel(long, 'instagram_dm');
    expect(dm.length).toBeLessThanOrEqual(1000);
    expect(dm.endsWith('here.…')).toBe(true);
    expect(fitToChannel(long, 'whatsapp')).toBe(long);
  });
});
