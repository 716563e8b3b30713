// Signs that a draft obeyed the customer instead of the business, or talks about its own set-up:
// (1) phrases a customer-service reply never needs ("system prompt", "as an AI", "ignore previous
// instructions", chat-template markers), in English and Indonesian; (2) a long verbatim echo of a
// customer sentence that gives instructions ("from now on…", "repeat after me…", "abaikan…").
import { matchPhrases } from './phrases.ts';

/** Phrases that reveal or discuss instructions, or mark a jailbroken persona. */
export const LEAK_PHRASES = [
  'system prompt',
  'system message',
  'my instructions',
  'my prompt',
  'initial instructions',
  'previous instructions',
  'prior instructions',
  'ignore previous',
  'ignore all previous',
  'ignore the above',
  'disregard previous',
  'as an AI',
  'as an AI language model',
  'as a language model',
  'I am an AI language model',
  'I was instructed',
  'I have been instructed',
  'I am programmed to',
  "I'm programmed to",
  'developer mode',
  'jailbreak',
  'DAN mode',
  'prompt sistem',
  'instruksi sistem',
  'instruksi sebelumnya',
  'abaikan instruksi',
  'abaikan semua',
  'sebagai AI',
  'sebagai model bahasa',
  'saya diprogram',
  'saya diinstruksikan',
  '<|im_start|>',
  '<|im_end|>',
  '[INST]',
  '<<SYS>>',
  '### Instruction',
];

/** Words that make a customer sentence an instruction to the assistant rather than a question. */
export const INSTRUCTION_CUES = [
  'ignore',
  'disregard',
  'forget',
  'pretend',
  'act as',
  'you are now',
  'from now on',
  'repeat after me',
  'say exactly',
  'reply with',
  'respond with',
  'output',
  'abaikan',
  'lupakan',
  'berpura-pura',
  'bertindak sebagai',
  'mulai sekarang',
  'ulangi',
  'katakan',
  'tuliskan',
  'balas dengan',
  'jawab dengan',
];

/** Words in a row that count as a verbatim echo. */
export const ECHO_WORDS = 8;

const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];

/** The first run of `ECHO_WORDS` words that the draft copies from an instruction-like customer sentence. */
function echoedInstruction(draft: string, customerText: string): string | null {
  const draftWords = words(draft);
  const draftGrams = new Set<string>();
  for (let i = 0; i + ECHO_WORDS <= draftWords.length; i += 1) {
    draftGrams.add(draftWords.slice(i, i + ECHO_WORDS).join(' '));
  }
  for (const sentence of customerText.split(/[.!?\n]+/)) {
    if (matchPhrases(sentence, INSTRUCTION_CUES).length === 0) continue;
    const sentenceWords = words(sentence);
    for (let i = 0; i + ECHO_WORDS <= sentenceWords.length; i += 1) {
      const gram = sentenceWords.slice(i, i + ECHO_WORDS).join(' ');
      if (draftGrams.has(gram)) return gram;
    }
  }
  return null;
}

/** Human-readable findings; empty when the draft shows no sign of injection or leaking. */
export function injectionSigns(draft: string, customerText: string): string[] {
  const signs = matchPhrases(draft, LEAK_PHRASES).map((phrase) => `draft contains "${phrase}"`);
  const echo = echoedInstruction(draft, customerText);
  if (echo) signs.push(`draft repeats the customer's instruction "${echo}"`);
  return signs;
}
