import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@laras/core';
import Koa from 'koa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHandler } from '../middleware/error-handler.ts';
import type { AppState } from '../state.ts';
import { portal } from './portal.ts';

type ErrorBody = { error: { code: string } };

let dir: string;
const servers: Server[] = [];

async function serve(root: string): Promise<string> {
  const app = new Koa<AppState>();
  app.use(async (ctx, next) => {
    ctx.state.requestId = 'req_portal_test';
    await next();
  });
  app.use(errorHandler(createLogger({ level: 'silent' })));
  app.use(portal(root));
  // Stands in for the API router: one route the portal must leave alone.
  app.use(async (ctx, next) => {
    if (ctx.path === '/v1/thing') ctx.body = { ok: true };
    else await next();
  });
  const server = createServer(app.callback());
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'laras-portal-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
});

afterAll(() => {
  for (const server of servers) server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('portal serving', () => {
  it('answers portal paths with index.html under a strict CSP', async () => {
    const url = await serve(dir);
    for (const path of ['/', '/login', '/settings/integrations?status=connected']) {
      const res = await fetch(`${url}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toContain('id="root"');
    }
  });

  it('caches hashed assets for good and 404s missing ones in the error shape', async () => {
    const url = await serve(dir);
    const asset = await fetch(`${url}/assets/index-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const missing = await fetch(`${url}/assets/nope.js`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as ErrorBody).error.code).toBe('not_found');
  });

  it('leaves API routes, unknown API paths and non-GET requests alone', async () => {
    const url = await serve(dir);
    expect(await (await fetch(`${url}/v1/thing`)).json()).toEqual({ ok: true });
    for (const [method, path] of [
      ['GET', '/v1/unknown'],
      ['GET', '/api/unknown'],
      ['GET', '/connect'],
      ['POST', '/login'],
    ] as const) {
      const res = await fetch(`${url}${path}`, { method });
      expect(res.status).toBe(404);
      expect(((await res.json()) as ErrorBody).error.code).toBe('not_found');
    }
  });

  it('says how to build the portal when it is missing', async () => {
    const url = await serve(join(dir, 'not-built'));
    const res = await fetch(`${url}/login`);
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm run build -w @laras/portal');
  });
});
