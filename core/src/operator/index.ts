export {
  createKeyForPartner,
  createPartner,
  type IssuedKey,
  listPartners,
  type PartnerSummary,
  revokeKeyById,
} from './operator.ts';
