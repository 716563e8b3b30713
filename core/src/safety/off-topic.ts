// Open-domain content a business assistant must not produce. A keyword list per topic (English and
// Indonesian) plus code patterns. Keywords that the business context itself uses are allowed (a
// pharmacy may talk about "dosis"), and so are sentences that decline the topic ("Maaf, kami tidak bisa
// membantu soal cuaca"), because the drafter is meant to answer off-topic questions that way.
import { matchPhrases } from './phrases.ts';

/** Topic -> keywords. Deliberately specific: a false match holds a good reply for review. */
export const OFF_TOPIC_KEYWORDS: Record<string, readonly string[]> = {
  weather: ['weather', 'forecast', 'cuaca', 'prakiraan cuaca', 'ramalan cuaca'],
  politics: [
    'election',
    'politics',
    'political',
    'president',
    'prime minister',
    'parliament',
    'pemilu',
    'pilpres',
    'politik',
    'presiden',
    'capres',
    'partai politik',
  ],
  medical: [
    'diagnosis',
    'diagnose',
    'dosage',
    'prescription',
    'symptoms',
    'medication',
    'diagnosa',
    'dosis',
    'resep dokter',
    'gejala',
  ],
  legal: ['legal advice', 'lawsuit', 'attorney', 'lawyer', 'nasihat hukum', 'pengacara', 'gugatan'],
  finance: ['stock tips', 'bitcoin', 'cryptocurrency', 'crypto', 'forex', 'saham', 'kripto'],
  code: ['javascript', 'python', 'source code', 'programming', 'kode program', 'pemrograman'],
};

const CODE_PATTERNS = [
  /```/,
  /<script\b/i,
  /\b(?:console\.log|System\.out|printf|#include)\b/,
  /\bdef \w+\(|\bfunction\s*\w*\s*\(|=>\s*\{/,
  /\bSELECT\b[^.\n]*\bFROM\b/,
];

/** Phrases that mark a sentence as declining a topic rather than discussing it. */
export const DECLINE_CUES = [
  "can't help",
  'cannot help',
  'can only help',
  'unable to help',
  'not able to help',
  'only answer questions about',
  'tidak bisa membantu',
  'tidak dapat membantu',
  'hanya bisa membantu',
  'hanya dapat membantu',
  'belum bisa membantu',
  'di luar layanan',
];

/** `topic: keyword` findings in `draft`, ignoring words the context uses and declining sentences. */
export function offTopicSigns(draft: string, allowed: string | ((phrase: string) => boolean)): string[] {
  const inContext =
    typeof allowed === 'string' ? (phrase: string) => matchPhrases(allowed, [phrase]).length > 0 : allowed;
  const signs: string[] = [];
  for (const sentence of draft.split(/(?<=[.!?])\s+|\n+/)) {
    if (matchPhrases(sentence, DECLINE_CUES).length > 0) continue;
    for (const [topic, keywords] of Object.entries(OFF_TOPIC_KEYWORDS)) {
      const hits = matchPhrases(sentence, keywords).filter((k) => !inContext(k));
      for (const hit of hits) signs.push(`${topic}: "${hit}"`);
    }
  }
  if (CODE_PATTERNS.some((pattern) => pattern.test(draft))) signs.push('code: program text');
  return [...new Set(signs)];
}
