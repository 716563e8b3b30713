export * from './config/index.ts';
export { currentContext, type RequestContext, runWithContext } from './context.ts';
export * from './db/index.ts';
export * from './errors/index.ts';
export { ID_PREFIX, type IdKind, idsMadeFrom, newId } from './ids.ts';
export { runService } from './lifecycle.ts';
export { createLogger, type LogCategory, type Logger, REDACT_PATHS } from './logger.ts';
export { createRedis, type Redis } from './redis.ts';
export * from './validation/index.ts';
