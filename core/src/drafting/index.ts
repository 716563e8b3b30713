export { BUILTIN_PROMPT_VERSION, draftReply, NEEDS_HUMAN_BELOW } from './builtin-drafter.ts';
export { customerTurn } from './customer-turn.ts';
export { detectIntent, type IntentSignals, type KeywordIntent } from './intent.ts';
export { defaultLanguage, detectLanguage } from './language.ts';
export { formatMoney, type Money, minorDigits } from './money.ts';
export { type Hit, retrieve } from './retrieve.ts';
export {
  type Citation,
  CitationSchema,
  type Draft,
  type DraftChannel,
  DraftChannelSchema,
  type DraftContent,
  DraftContentSchema,
  type DraftInput,
  type DraftIntent,
  DraftIntentSchema,
  type DraftLanguage,
  DraftLanguageSchema,
  type DraftMessage,
  DraftSchema,
} from './types.ts';
