export { lookupTxt, type TxtLookup } from './txt-lookup.ts';
