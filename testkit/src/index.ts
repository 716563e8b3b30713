export {
  type ApiResponse,
  type CallOptions,
  ownServices,
  startTestApi,
  type TestApi,
  type TestApiOptions,
} from './api.ts';
export { CHROMIUM_PATH, launchBrowser, SCREENSHOT_DIR, screenshot } from './browser.ts';
export { testConfig } from './config.ts';
export { contractProblems, eventProblems, securitySchemesOf } from './contract.ts';
export {
  type DnsFault,
  type DnsQuestion,
  type DnsStandIn,
  startDnsStandIn,
} from './dns-stand-in.ts';
export { createTestKey, createTestPartner, type TestPartner } from './factories.ts';
export {
  claimTestHostname,
  createTestUser,
  sessionCookieOf,
  signInTestUser,
  type TestPortalUser,
  type TestSession,
} from './portal.ts';
export {
  connectSandboxAccount,
  decideInstagramLogin,
  type EmbeddedSignupOutcome,
  runEmbeddedSignup,
} from './sandbox.ts';
export { type Running, runScript, runToEnd } from './spawn.ts';
export {
  type SvixStandIn,
  type SvixStandInApp,
  type SvixStandInCall,
  type SvixStandInMessage,
  startSvixStandIn,
} from './svix-stand-in.ts';
export { startTcpProxy, type TcpProxy } from './tcp-proxy.ts';
