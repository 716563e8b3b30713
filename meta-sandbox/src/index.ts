/** A local stand-in for Meta used by the demo and the tests. See README.md for the URL map. */
export { createSandboxApp } from './app.ts';
export {
  type BatchLayout,
  type Built,
  type CustomerOptions,
  type CustomerSendResult,
  DEFAULT_INSTAGRAM_CUSTOMER,
  DEFAULT_WHATSAPP_CUSTOMER,
  type DeliveryOptions,
  type InstagramItem,
  SandboxCustomer,
  WebhookTargetMissing,
  type WhatsAppCustomer,
  type WhatsAppItem,
} from './customer.ts';
export { HOST_PREFIXES, sandboxEnv } from './env.ts';
export {
  DEFERRED_FAULT_KINDS,
  DELAY_FAULT_KINDS,
  FAULT_KINDS,
  type Fault,
  type FaultKind,
  type FaultSpec,
  Faults,
  type HeldCall,
  OPERATIONS,
  type Operation,
  type TakenFault,
} from './faults.ts';
export { SandboxOutbox } from './outbox.ts';
export { defaultSeed, SEED_IDS, type Seed, type SeedBusiness, type SeedInstagramAccount } from './seed.ts';
export { type MetaSandbox, type MetaSandboxOptions, SANDBOX_DEFAULTS, startMetaSandbox } from './server.ts';
export { DEFAULT_SEND_SETTINGS, type SandboxSnapshot, SandboxState } from './state.ts';
export {
  type CallRecord,
  type EmbeddedSignupChoice,
  type EmittedStatus,
  type InstagramSubscription,
  LIFETIMES,
  type SandboxApps,
  type SendSettings,
  type SentMessage,
  type WabaSubscription,
  type WebhookDelivery,
  type WebhookSource,
  type WebhookTargets,
} from './types.ts';
export * from './webhook-payloads.ts';
