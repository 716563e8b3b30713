export { type ClassifyInput, classifyDraft, PENALTIES, verdictOf } from './classify.ts';
export { type Contact, type ContactKind, contactsNotIn, findContacts } from './contacts.ts';
export { prepareContextFacts } from './context-facts.ts';
export { contextText } from './context-text.ts';
export { type DecideInput, decideDraft } from './decide.ts';
export { injectionSigns } from './injection.ts';
export { LENGTH_LIMITS } from './limits.ts';
export { findMoney, type MoneyMention, mentionMatches, parseAmount, unknownAmounts } from './money.ts';
export { OFF_TOPIC_KEYWORDS, offTopicSigns } from './off-topic.ts';
export { matchPhrases } from './phrases.ts';
export {
  type Citation,
  CitationSchema,
  type ClassifiedDraft,
  ClassifiedDraftSchema,
  type Decision,
  DecisionSchema,
  type HoldReason,
  HoldReasonSchema,
  type Reason,
  type ReasonCode,
  ReasonCodeSchema,
  ReasonSchema,
  type Surface,
  SurfaceSchema,
  type Verdict,
  VerdictSchema,
} from './types.ts';
