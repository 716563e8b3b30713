/**
 * A local stand-in for the subset of Svix's HTTP API the publisher uses, with Svix's shapes
 * (camelCase JSON, `HttpErrorOut {code, detail}`, `HTTPValidationError {detail: [...]}` on 422):
 * applications (get-or-create by uid), messages (eventId deduplication answers 409; a repeated
 * `idempotency-key` replays the first answer), App Portal access, bearer auth, and injected faults.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type SvixStandInApp = { id: string; uid: string; name: string; createdAt: string };
export type SvixStandInMessage = {
  id: string;
  appId: string;
  eventType: string;
  eventId: string | null;
  payload: Record<string, unknown>;
  timestamp: string;
};
export type SvixStandInCall = { method: string; path: string; body: unknown; idempotencyKey: string | null };

export type SvixStandIn = {
  url: string;
  token: string;
  /** Every request received, in order (after authentication, faults included). */
  calls: SvixStandInCall[];
  apps: SvixStandInApp[];
  /** Messages accepted (a duplicate eventId or a replayed idempotency key adds none). */
  messages: SvixStandInMessage[];
  /** The next `count` requests answer `status` (422: a validation error; else `{code, detail}`). */
  fail: (count: number, status: number, detail?: string) => void;
  close: () => Promise<void>;
};

const ID_PATTERN = /^[a-zA-Z0-9\-_.]+$/;
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function svixId(prefix: string): string {
  const bytes = randomBytes(27);
  return `${prefix}_${Array.from(bytes, (b) => ALPHANUMERIC[b % ALPHANUMERIC.length]).join('')}`;
}

type Answer = { status: number; body: unknown };

function httpError(status: number, code: string, detail: string): Answer {
  return { status, body: { code, detail } };
}

function validationError(field: string, msg: string): Answer {
  return { status: 422, body: { detail: [{ loc: ['body', field], msg, type: 'value_error' }] } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? undefined : JSON.parse(text);
}

/** Starts the stand-in on an ephemeral loopback port; only `token` is accepted as the bearer. */
export async function startSvixStandIn(
  token = `sk_test_${randomBytes(8).toString('hex')}`,
): Promise<SvixStandIn> {
  const calls: SvixStandInCall[] = [];
  const apps: SvixStandInApp[] = [];
  const messages: SvixStandInMessage[] = [];
  const replies = new Map<string, Answer>();
  const faults: Array<{ status: number; detail: string }> = [];
  let base = '';

  const findApp = (idOrUid: string) => apps.find((app) => app.id === idOrUid || app.uid === idOrUid);
  const appOut = (app: SvixStandInApp) => ({
    id: app.id,
    uid: app.uid,
    name: app.name,
    metadata: {},
    createdAt: app.createdAt,
    updatedAt: app.createdAt,
  });

  function getOrCreateApp(body: unknown, getIfExists: boolean): Answer {
    if (!isRecord(body) || typeof body.name !== 'string' || body.name === '') {
      return validationError('name', 'field required');
    }
    const uid = typeof body.uid === 'string' ? body.uid : null;
    if (uid !== null && !ID_PATTERN.test(uid)) return validationError('uid', 'string does not match regex');
    const existing = uid === null ? undefined : findApp(uid);
    if (existing) {
      return getIfExists
        ? { status: 200, body: appOut(existing) }
        : httpError(409, 'conflict', 'An application with this uid already exists.');
    }
    const app = { id: svixId('app'), uid: uid ?? '', name: body.name, createdAt: new Date().toISOString() };
    apps.push(app);
    return { status: 201, body: appOut(app) };
  }

  function createMessage(appId: string, body: unknown): Answer {
    const app = findApp(appId);
    if (!app) return httpError(404, 'not_found', 'Entity not found');
    if (!isRecord(body) || typeof body.eventType !== 'string' || !ID_PATTERN.test(body.eventType)) {
      return validationError('eventType', 'string does not match regex');
    }
    if (!isRecord(body.payload)) return validationError('payload', 'value is not a valid dict');
    const eventId = body.eventId === undefined ? null : body.eventId;
    if (eventId !== null && (typeof eventId !== 'string' || !ID_PATTERN.test(eventId))) {
      return validationError('eventId', 'string does not match regex');
    }
    if (eventId !== null && messages.some((m) => m.appId === app.id && m.eventId === eventId)) {
      return httpError(409, 'conflict', 'A message with this eventId already exists.');
    }
    const message = {
      id: svixId('msg'),
      appId: app.id,
      eventType: body.eventType,
      eventId,
      payload: body.payload,
      timestamp: new Date().toISOString(),
    };
    messages.push(message);
    const { appId: _, ...out } = message;
    return { status: 202, body: { ...out, eventId: eventId ?? undefined } };
  }

  function portalAccess(appId: string): Answer {
    const app = findApp(appId);
    if (!app) return httpError(404, 'not_found', 'Entity not found');
    const key = `appsk_${randomBytes(12).toString('hex')}`;
    return { status: 200, body: { url: `${base}/app-portal/${app.uid}#key=${key}`, token: key } };
  }

  function route(method: string, url: URL, body: unknown): Answer {
    const path = url.pathname;
    if (method === 'POST' && path === '/api/v1/app') {
      return getOrCreateApp(body, url.searchParams.get('get_if_exists') === 'true');
    }
    const msg = /^\/api\/v1\/app\/([^/]+)\/msg$/.exec(path);
    if (method === 'POST' && msg?.[1]) return createMessage(decodeURIComponent(msg[1]), body);
    const portal = /^\/api\/v1\/auth\/app-portal-access\/([^/]+)$/.exec(path);
    if (method === 'POST' && portal?.[1]) return portalAccess(decodeURIComponent(portal[1]));
    return httpError(404, 'not_found', 'Entity not found');
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<Answer> {
    if (req.headers.authorization !== `Bearer ${token}`) {
      return httpError(401, 'authentication_failed', 'Invalid token');
    }
    const url = new URL(req.url ?? '/', base);
    const body = await readJson(req);
    const idempotencyKey =
      typeof req.headers['idempotency-key'] === 'string' ? req.headers['idempotency-key'] : null;
    calls.push({ method: req.method ?? '', path: url.pathname, body, idempotencyKey });
    const fault = faults.shift();
    if (fault) {
      return fault.status === 422
        ? validationError('payload', fault.detail)
        : httpError(fault.status, fault.status === 429 ? 'rate_limited' : 'error', fault.detail);
    }
    const replayKey = idempotencyKey ? `${req.method} ${url.pathname} ${idempotencyKey}` : null;
    const replay = replayKey ? replies.get(replayKey) : undefined;
    if (replay) {
      res.setHeader('idempotent-replayed', 'true');
      return replay;
    }
    const answer = route(req.method ?? '', url, body);
    // Only accepted requests are replayed (whether Svix also replays its 4xx answers is unverified;
    // the publisher does not rely on either).
    if (replayKey && answer.status < 300) replies.set(replayKey, answer);
    return answer;
  }

  const server = createServer((req, res) => {
    handle(req, res).then(
      (answer) => {
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(answer.body));
      },
      (error: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ code: 'internal', detail: String(error) }));
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    token,
    calls,
    apps,
    messages,
    fail(count, status, detail = `injected ${status}`) {
      for (let i = 0; i < count; i += 1) faults.push({ status, detail });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
