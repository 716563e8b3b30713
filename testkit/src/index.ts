export { type ApiResponse, type CallOptions, startTestApi, type TestApi } from './api.ts';
export { CHROMIUM_PATH, launchBrowser, SCREENSHOT_DIR, screenshot } from './browser.ts';
export { testConfig } from './config.ts';
export { contractProblems } from './contract.ts';
export { createTestKey, createTestPartner, type TestPartner } from './factories.ts';
