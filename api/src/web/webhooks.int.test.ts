/**
 * Meta's webhook endpoints against the real database: the handshake, the signature over the raw
 * bytes (nothing is stored unless it verifies), the body checks, the size limit, and duplicates.
 * Payloads are the reference fixtures (Meta's OpenAPI / doc examples), copied inline.
 */
import { createHash, randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { signMetaPayload, verifyMetaSignature } from '@laras/core/webhooks';
import { startTestApi, type TestApi } from '@laras/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type ErrorBody = { error: { code: string; message: string; request_id: string; param?: string } };

let api: TestApi;
const logLines: string[] = [];
beforeAll(async () => {
  api = await startTestApi({}, { logLines });
});
afterAll(() => api.close());

const WA = '/api/webhooks/wa';
const IG = '/api/webhooks/instagram';
const marker = () => randomBytes(6).toString('hex');

/** wa-text-message.json (META-OAS "Text Message"), with a fresh wamid so each test has its own delivery. */
const waText = (m = marker()) => ({
  object: 'whatsapp_business_account',
  entry: [
    {
      id: '419561257915477',
      changes: [
        {
          value: {
            messaging_product: 'whatsapp',
            metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
            contacts: [{ profile: { name: 'Sheena Nelson' }, wa_id: '16505551234' }],
            messages: [
              {
                from: '16505551234',
                id: `wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=${m}`,
                timestamp: '1749416383',
                type: 'text',
                text: { body: 'Does it come in another color?' },
              },
            ],
          },
          field: 'messages',
        },
      ],
    },
  ],
});

/** ig-dm.json (Instagram webhook examples, placeholders filled). */
const igDm = (m = marker()) => ({
  object: 'instagram',
  entry: [
    {
      id: '17841400000000001',
      time: 1569262486134,
      messaging: [
        {
          sender: { id: '1234567890123456' },
          recipient: { id: '17841400000000001' },
          timestamp: 1569262485349,
          message: { mid: `SYNTHETIC_MID_${m}`, text: 'Hi! Is the blue bag still available?' },
        },
      ],
    },
  ],
});

/** ig-comment.json (constructed from the Graph webhooks reference). */
const igComment = (m = marker()) => ({
  object: 'instagram',
  entry: [
    {
      id: '17841400000000001',
      time: 1712345678,
      changes: [
        {
          field: 'comments',
          value: {
            from: { id: '1234567890123456', username: 'happy.customer' },
            media: { id: '18050310900000001', media_product_type: 'FEED' },
            id: `17867301200000001${m}`,
            text: 'How much is this?',
          },
        },
      ],
    },
  ],
});

const bytesOf = (body: unknown) =>
  Buffer.from(typeof body === 'string' ? body : JSON.stringify(body), 'utf8');
const sha256 = (raw: Buffer) => createHash('sha256').update(raw).digest('hex');

/** POSTs exactly `raw`; `signature` is the header to send (none when undefined). */
const deliver = (path: string, raw: Buffer, signature: string | undefined) =>
  api.call<unknown>('POST', path, {
    rawBody: raw,
    headers: {
      'Content-Type': 'application/json',
      ...(signature === undefined ? {} : { 'X-Hub-Signature-256': signature }),
    },
  });
const waSecret = () => api.config.meta.appSecret;
const igSecret = () => api.config.meta.instagramAppSecret;

const rowsFor = (raw: Buffer) => api.ownerDb('webhook_events').where({ body_sha256: sha256(raw) });

async function expectError(
  response: { status: number; body: unknown },
  status: number,
  code: string,
): Promise<void> {
  expect(response.status).toBe(status);
  const { error } = response.body as ErrorBody;
  expect(error.code).toBe(code);
  expect(error.request_id).toMatch(/^req_/);
}

describe('verification handshake', () => {
  const handshake = (path: string, query: string) => api.call<unknown>('GET', `${path}?${query}`);

  it('echoes hub.challenge as plain text for the right token, on both endpoints', async () => {
    const token = encodeURIComponent(api.config.meta.verifyToken);
    for (const path of [WA, IG]) {
      const res = await handshake(
        path,
        `hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=${token}`,
      );
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(res.body).toBe('1158201444');
    }
  });

  it('answers 403 for a wrong token, another mode, or missing parameters', async () => {
    const token = encodeURIComponent(api.config.meta.verifyToken);
    for (const path of [WA, IG]) {
      for (const query of [
        'hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=not-our-token',
        `hub.mode=unsubscribe&hub.challenge=1158201444&hub.verify_token=${token}`,
        `hub.mode=subscribe&hub.verify_token=${token}`,
        'hub.mode=subscribe&hub.challenge=1158201444',
        '',
      ]) {
        const res = await handshake(path, query);
        await expectError(res, 403, 'forbidden');
        expect(JSON.stringify(res.body)).not.toContain('1158201444');
      }
    }
  });
});

describe('signed deliveries', () => {
  it('stores a valid WhatsApp delivery raw, once, and answers 200', async () => {
    const raw = bytesOf(waText());
    const res = await deliver(WA, raw, signMetaPayload(raw, waSecret()));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ received: true });
    const rows = await rowsFor(raw);
    expect(rows).toHaveLength(1);
    // Its processing state is the inbound worker's (workers of other test files may already have
    // taken it); what this route owes is the exact bytes, stored once.
    expect(rows[0]).toMatchObject({
      id: expect.stringMatching(/^whe_[0-9A-Z]{26}$/),
      source: 'whatsapp',
      raw_body: raw.toString('utf8'),
    });
    expect(rows[0].received_at).toBeInstanceOf(Date);
  });

  it('stores Instagram DMs and comments signed with the Instagram app secret', async () => {
    for (const body of [igDm(), igComment()]) {
      const raw = bytesOf(body);
      const res = await deliver(IG, raw, signMetaPayload(raw, igSecret()));
      expect(res.status).toBe(200);
      expect(await rowsFor(raw)).toEqual([expect.objectContaining({ source: 'instagram' })]);
    }
  });

  it('keeps the exact bytes Meta signed (escaped unicode), so the stored row verifies again', async () => {
    const text = `{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},"contacts":[{"profile":{"name":"J\\u00fcrgen \\u00c4lvarez"},"wa_id":"16505551234"}],"messages":[{"from":"16505551234","id":"wamid.${marker()}","timestamp":"1749416383","type":"text","text":{"body":"Gr\\u00fc\\u00df dich \\ud83d\\udc4b Grüß"}}]},"field":"messages"}]}]}`;
    const raw = bytesOf(text);
    const signature = signMetaPayload(raw, waSecret());
    expect((await deliver(WA, raw, signature)).status).toBe(200);
    const [row] = await rowsFor(raw);
    expect(row.raw_body).toBe(text);
    expect(verifyMetaSignature(Buffer.from(row.raw_body, 'utf8'), signature, waSecret())).toBe(true);
  });

  it('refuses a missing, invalid, other-app or altered signature with 401 and stores nothing', async () => {
    const wa = bytesOf(waText());
    const ig = bytesOf(igDm());
    const altered = Buffer.from(wa);
    altered[altered.indexOf('another')] = 'A'.charCodeAt(0);
    const cases: Array<[string, Buffer, string | undefined]> = [
      [WA, wa, undefined],
      [WA, wa, ''],
      [WA, wa, `sha256=${'0'.repeat(64)}`],
      [WA, wa, signMetaPayload(wa, 'not-the-secret')],
      [WA, wa, signMetaPayload(wa, igSecret())],
      [IG, ig, signMetaPayload(ig, waSecret())],
      [IG, ig, undefined],
      [WA, altered, signMetaPayload(wa, waSecret())],
      [WA, wa, signMetaPayload(wa, waSecret()).replace('sha256=', 'sha1=')],
    ];
    for (const [path, raw, signature] of cases) {
      await expectError(await deliver(path, raw, signature), 401, 'unauthenticated');
    }
    for (const raw of [wa, ig, altered]) expect(await rowsFor(raw)).toEqual([]);
  });

  it('refuses an empty body: 401 unsigned, 400 signed; nothing stored', async () => {
    const empty = Buffer.alloc(0);
    await expectError(await deliver(WA, empty, undefined), 401, 'unauthenticated');
    await expectError(await deliver(WA, empty, signMetaPayload(empty, waSecret())), 400, 'malformed_json');
    expect(await rowsFor(empty)).toEqual([]);
  });

  it('refuses a correctly signed body that is not JSON, not UTF-8, or not of this endpoint, with 400', async () => {
    const cases: Array<[string, Buffer, string, string]> = [
      [WA, bytesOf(`not json ${marker()}`), waSecret(), 'malformed_json'],
      [
        WA,
        Buffer.concat([
          bytesOf(`{"object":"whatsapp_business_account","x":"`),
          Buffer.from([0xff, 0xfe]),
          bytesOf(`${marker()}"}`),
        ]),
        waSecret(),
        'malformed_json',
      ],
      [WA, bytesOf(igDm()), waSecret(), 'invalid_request'],
      [IG, bytesOf(waText()), igSecret(), 'invalid_request'],
      [WA, bytesOf({ entry: [], n: marker() }), waSecret(), 'invalid_request'],
      [WA, bytesOf([{ object: 'whatsapp_business_account', n: marker() }]), waSecret(), 'invalid_request'],
      [WA, bytesOf(`"whatsapp_business_account${marker()}"`), waSecret(), 'invalid_request'],
    ];
    for (const [path, raw, secret, code] of cases) {
      await expectError(await deliver(path, raw, signMetaPayload(raw, secret)), 400, code);
      expect(await rowsFor(raw)).toEqual([]);
    }
  });

  it('refuses a body over the limit with 413 and stores nothing; one at the limit is stored', async () => {
    const limit = api.config.http.webhookBodyLimitBytes;
    const padded = (size: number) => {
      const head = `{"object":"whatsapp_business_account","entry":[],"m":"${marker()}","pad":"`;
      return bytesOf(`${head}${'x'.repeat(size - head.length - 2)}"}`);
    };
    const over = padded(limit + 1);
    expect(over.length).toBe(limit + 1);
    await expectError(await deliver(WA, over, signMetaPayload(over, waSecret())), 413, 'payload_too_large');
    expect(await rowsFor(over)).toEqual([]);
    const atLimit = padded(limit);
    expect((await deliver(WA, atLimit, signMetaPayload(atLimit, waSecret()))).status).toBe(200);
    expect(await rowsFor(atLimit)).toHaveLength(1);
  });
  it('refuses a chunked body (no Content-Length) once it passes the limit, with 413', async () => {
    const limit = api.config.http.webhookBodyLimitBytes;
    const head = bytesOf(`{"object":"whatsapp_business_account","m":"${marker()}","pad":"`);
    const chunk = Buffer.alloc(64 * 1024, 'x');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${api.url}${WA}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Hub-Signature-256': `sha256=${'0'.repeat(64)}` },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      // The server may answer and close while chunks are still being written.
      req.on('error', (error: NodeJS.ErrnoException) =>
        error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error),
      );
      req.write(head);
      for (let sent = head.length; sent <= limit; sent += chunk.length) req.write(chunk);
      req.end();
    });
    expect(status).toBe(413);
  });
});

describe('duplicates', () => {
  it('stores the same delivery sent three times once, answering 200 each time', async () => {
    const raw = bytesOf(waText());
    for (let i = 0; i < 3; i++) {
      expect((await deliver(WA, raw, signMetaPayload(raw, waSecret()))).status).toBe(200);
    }
    expect(await rowsFor(raw)).toHaveLength(1);
  });

  it('stores concurrent copies of one delivery once', async () => {
    const raw = bytesOf(igDm());
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => deliver(IG, raw, signMetaPayload(raw, igSecret()))),
    );
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(await rowsFor(raw)).toHaveLength(1);
  });

  it('stores two different deliveries as two rows', async () => {
    const first = bytesOf(waText());
    const second = bytesOf(waText());
    for (const raw of [first, second]) {
      expect((await deliver(WA, raw, signMetaPayload(raw, waSecret()))).status).toBe(200);
    }
    const ids = [...(await rowsFor(first)), ...(await rowsFor(second))].map((r) => r.id);
    expect(new Set(ids).size).toBe(2);
  });
});

describe('logs', () => {
  it('writes one webhook line per delivery with id, source and duplicate, never the body', async () => {
    const m = marker();
    const raw = bytesOf(waText(m));
    for (let i = 0; i < 2; i++) await deliver(WA, raw, signMetaPayload(raw, waSecret()));
    const [row] = await rowsFor(raw);
    const lines = logLines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.category === 'webhook' && line.webhook_event_id === row.id);
    expect(lines).toEqual([
      expect.objectContaining({ source: 'whatsapp', duplicate: false, msg: 'webhook delivery stored' }),
      expect.objectContaining({ source: 'whatsapp', duplicate: true, msg: 'webhook delivery stored' }),
    ]);
    expect(logLines.join('\n')).not.toContain(m);
    expect(logLines.join('\n')).not.toContain('Does it come in another color');
  });
});
