export { getReviewRules, replaceReviewRules, reviewRulesOf } from './service.ts';
export {
  DEFAULT_MIN_CONFIDENCE,
  type ReviewRules,
  type ReviewRulesInput,
  ReviewRulesInputSchema,
} from './types.ts';
