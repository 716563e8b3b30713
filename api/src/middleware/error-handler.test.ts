import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError, createLogger } from '@laras/core';
import Koa from 'koa';
import { afterEach, expect, it } from 'vitest';
import type { AppState } from '../state.ts';
import { errorHandler } from './error-handler.ts';

const servers: Array<{ close: () => void }> = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

async function serve(fail: () => never) {
  const app = new Koa<AppState>();
  app.use(async (ctx, next) => {
    ctx.state.requestId = 'req_test_1234';
    await next();
  });
  app.use(errorHandler(createLogger({ level: 'silent' })));
  app.use(() => fail());
  const server = createServer(app.callback()).listen(0, '127.0.0.1');
  servers.push(server);
  await new Promise((resolve) => server.once('listening', resolve));
  const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  const body = (await response.json()) as { error: Record<string, unknown> };
  return { status: response.status, headers: response.headers, body };
}

it('hides unexpected errors behind a generic 500 with the request id', async () => {
  const res = await serve(() => {
    throw new Error('connect ECONNREFUSED postgres://admin:hunter2@db');
  });
  expect(res.status).toBe(500);
  expect(res.body).toEqual({
    error: {
      code: 'internal_error',
      message: expect.stringContaining('request id'),
      request_id: 'req_test_1234',
    },
  });
  expect(JSON.stringify(res.body)).not.toContain('hunter2');
});

it('renders AppErrors with their status, param, issues and headers', async () => {
  const res = await serve(() => {
    throw new AppError('rate_limited', 'Slow down.', { headers: { 'Retry-After': '7' }, param: 'x' });
  });
  expect(res.status).toBe(429);
  expect(res.headers.get('retry-after')).toBe('7');
  expect(res.body).toEqual({
    error: { code: 'rate_limited', message: 'Slow down.', request_id: 'req_test_1234', param: 'x' },
  });
});

it('translates a unique violation from the driver into a 409 conflict', async () => {
  const res = await serve(() => {
    throw Object.assign(new Error('duplicate key value violates unique constraint'), {
      code: '23505',
      constraint: 'workspaces_partner_id_external_id_unique',
    });
  });
  expect(res.status).toBe(409);
  expect(res.body.error).toMatchObject({ code: 'conflict', param: 'external_id' });
  expect(String(res.body.error.message)).not.toContain('duplicate key');
});
