export { type AppScopedOutcome, recordInstagramAppScopedIds } from './record-app-scoped-ids.ts';
export { type RefreshOutcome, refreshInstagramTokens } from './refresh-instagram-tokens.ts';
export { type RotationResult, rotateTokens } from './rotate-tokens.ts';
export { disconnectConnection, getConnection, listConnections, storeConnection } from './service.ts';
export {
  type Channel,
  type Connection,
  type ConnectionStatus,
  type DisconnectReason,
  type ListConnectionsQuery,
  ListConnectionsQuerySchema,
  type NewConnection,
  tokenOwner,
} from './types.ts';
export {
  UNSUBSCRIBE_WITHIN_MS,
  type UnsubscribeOutcome,
  unsubscribeDisconnectedAccounts,
} from './unsubscribe-accounts.ts';
export { queueUnsubscribes, withSubscriptionLock } from './unsubscribes.ts';
