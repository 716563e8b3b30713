/**
 * The sandbox's own control API under `/_admin` (not Meta's): inject and clear faults, reset,
 * and read the state (tokens and codes cut to a short prefix).
 */
import Router from '@koa/router';
import { FAULT_KINDS, faultProblem, isFaultKind, isOperation, OPERATIONS } from '../faults.ts';
import { readBody, type SandboxDeps } from '../http.ts';

export function adminRouter(deps: SandboxDeps): Router {
  const { state, faults } = deps;
  const router = new Router({ prefix: '/_admin' });

  router.post('/faults', async (ctx) => {
    const body = await readBody(ctx);
    const times = body.times === undefined ? 1 : body.times;
    if (
      !isOperation(body.operation) ||
      !isFaultKind(body.kind) ||
      !Number.isInteger(times) ||
      Number(times) < 1
    ) {
      ctx.status = 400;
      ctx.body = {
        error: 'Expected {operation, kind, times?, target?, delayMs?}',
        operations: OPERATIONS,
        kinds: FAULT_KINDS,
      };
      return;
    }
    const fault = {
      operation: body.operation,
      kind: body.kind,
      times: Number(times),
      ...(body.target === undefined ? {} : { target: body.target as string }),
      ...(body.delayMs === undefined ? {} : { delayMs: body.delayMs as number }),
    };
    const problem = faultProblem(fault);
    if (problem) {
      ctx.status = 400;
      ctx.body = { error: problem, operations: OPERATIONS, kinds: FAULT_KINDS };
      return;
    }
    faults.inject(fault);
    ctx.status = 201;
    ctx.body = { faults: faults.list() };
  });

  router.get('/faults', (ctx) => {
    ctx.body = { faults: faults.list() };
  });

  /** The calls a `hold` fault is holding now. */
  router.get('/faults/held', (ctx) => {
    ctx.body = { held: faults.held() };
  });

  /** Lets held calls go on: `{count?}` the oldest `count`, default all. */
  router.post('/faults/release', async (ctx) => {
    const body = await readBody(ctx);
    if (body.count !== undefined && (!Number.isInteger(body.count) || Number(body.count) < 0)) {
      ctx.status = 400;
      ctx.body = { error: 'count must be a non-negative integer' };
      return;
    }
    ctx.body = { released: faults.release(body.count === undefined ? undefined : Number(body.count)) };
  });

  router.delete('/faults', (ctx) => {
    faults.clear();
    ctx.body = { faults: [] };
  });

  router.post('/reset', (ctx) => {
    state.reset();
    faults.clear();
    ctx.body = { reset: true };
  });

  router.get('/state', (ctx) => {
    ctx.body = { ...state.snapshot(), faults: faults.list() };
  });

  return router;
}
