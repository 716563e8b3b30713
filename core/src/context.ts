/**
 * Per-request / per-job context carried through async calls, so every log line knows its request
 * id and tenant without threading arguments through every function.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export type RequestContext = {
  requestId?: string;
  jobId?: string;
  partnerId?: string;
  workspaceId?: string;
};

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `fn` with `context` as the current context. */
export function runWithContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The current context (a mutable object shared by the whole request), or undefined outside one. */
export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}
