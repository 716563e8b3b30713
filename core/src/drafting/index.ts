export { BUILTIN_PROMPT_VERSION, draftReply, NEEDS_HUMAN_BELOW } from './builtin-drafter.ts';
export { customerTurn } from './customer-turn.ts';
export {
  builtinDrafter,
  createDrafter,
  type Drafter,
  type DrafterOptions,
  withOfflineFallback,
} from './drafter.ts';
export { detectIntent, type IntentSignals, type KeywordIntent } from './intent.ts';
export { defaultLanguage, detectLanguage } from './language.ts';
export { formatMoney, type Money, minorDigits } from './money.ts';
export {
  DEFAULT_OPENAI_MAX_RETRIES,
  DEFAULT_OPENAI_TIMEOUT_MS,
  DRAFT_RESPONSE_FORMAT,
  DraftProviderError,
  type DraftProviderErrorCode,
  MAX_OPENAI_RETRIES,
  type OpenAiDrafterOptions,
  openAiDrafter,
  parseDraftContent,
} from './openai-drafter.ts';
export { buildPromptMessages, OPENAI_PROMPT_VERSION, SYSTEM_PROMPT } from './openai-prompt.ts';
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
