export { createConnectSession } from './service.ts';
export {
  type ConnectSession,
  type CreateConnectSessionInput,
  CreateConnectSessionInputSchema,
  type CreatedConnectSession,
} from './types.ts';
