export { createApp } from './app.ts';
export type { AppDeps } from './deps.ts';
export { type RunningApi, startApiServer } from './server.ts';
