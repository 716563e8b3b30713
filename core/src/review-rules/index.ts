export { getReviewRules, replaceReviewRules } from './service.ts';
export {
  DEFAULT_MIN_CONFIDENCE,
  type ReviewRules,
  type ReviewRulesInput,
  ReviewRulesInputSchema,
} from './types.ts';
