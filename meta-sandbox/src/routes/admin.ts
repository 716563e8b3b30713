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
        error: 'Expected {operation, kind, times?}',
        operations: OPERATIONS,
        kinds: FAULT_KINDS,
      };
      return;
    }
    const problem = faultProblem(body.operation, body.kind);
    if (problem) {
      ctx.status = 400;
      ctx.body = { error: problem, operations: OPERATIONS, kinds: FAULT_KINDS };
      return;
    }
    faults.inject({ operation: body.operation, kind: body.kind, times: Number(times) });
    ctx.status = 201;
    ctx.body = { faults: faults.list() };
  });

  router.get('/faults', (ctx) => {
    ctx.body = { faults: faults.list() };
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
