export { businessContextOf, getBusinessContext, replaceBusinessContext } from './service.ts';
export {
  type BusinessContext,
  type BusinessContextInput,
  BusinessContextInputSchema,
  type BusinessDocument,
  isKnownCurrency,
} from './types.ts';
