export {
  abandonInstagramLogin,
  completeInstagramLogin,
  completeWhatsAppSignup,
  type FlowDeps,
  type OpenedLink,
  openConnectLink,
  startConnectAttempt,
  startInstagramAttempt,
  type WhatsAppSignup,
} from './flows.ts';
export { createConnectSession } from './service.ts';
export {
  type ConnectSession,
  type CreateConnectSessionInput,
  CreateConnectSessionInputSchema,
  type CreatedConnectSession,
} from './types.ts';
