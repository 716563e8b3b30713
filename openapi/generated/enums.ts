// Generated from openapi/openapi.yaml by `npm run generate`. Do not edit.

/** The values of each string enum of the spec's components, in the spec's order. */
export const enums = {
  ErrorCode: ['invalid_request', 'malformed_json', 'hostname_not_verified', 'unauthenticated', 'forbidden', 'not_found', 'method_not_allowed', 'conflict', 'idempotency_key_reused', 'idempotency_key_in_progress', 'payload_too_large', 'unsupported_media_type', 'rate_limited', 'internal_error', 'service_unavailable'],
  UserRole: ['owner', 'agent'],
  SignInLinkPurpose: ['sign_in', 'set_password'],
  Channel: ['whatsapp', 'instagram'],
  ConnectionStatus: ['active', 'needs_reconnect', 'disconnected'],
  Surface: ['whatsapp', 'instagram_dm', 'instagram_comment'],
  ConversationStatus: ['open', 'closed'],
  DraftState: ['pending_approval', 'approved', 'rejected', 'superseded', 'expired', 'sending', 'sent', 'failed'],
  EventType: ['workspace.created', 'connection.connected', 'connection.disconnected', 'connection.needs_reconnect', 'message.received', 'draft.created', 'draft.approved', 'draft.rejected', 'message.sent', 'message.delivered', 'message.read', 'message.failed', 'window.expiring', 'workspace.data_deleted', 'webhook_endpoint.disabled', 'portal_hostname.released'],
  ApiKeyMode: ['test', 'live'],
} as const;
