export { callMeta, type MetaRequest } from './http.ts';
export {
  createInstagramClient,
  INSTAGRAM_SCOPES,
  type InstagramAccount,
  type InstagramClient,
  type LongLivedToken,
} from './instagram-client.ts';
export { createMessagingClient, type MessagingClient } from './messaging-client.ts';
export { MetaApiError, MetaUnavailableError, toMetaApiError } from './meta-error.ts';
export { type SignedRequestPayload, signRequest, verifySignedRequest } from './signed-request.ts';
export { createWhatsAppClient, type WhatsAppClient } from './whatsapp-client.ts';
