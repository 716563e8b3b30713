import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('has working development defaults and derives the app role URL', () => {
    const config = loadConfig({});
    expect(config.http.port).toBe(3000);
    expect(config.database.ownerUrl).toBe('postgres://postgres@127.0.0.1:5432/laras');
    expect(config.database.appUrl).toBe('postgres://laras_app@127.0.0.1:5432/laras');
    expect(config.redis.url).toBe('redis://127.0.0.1:6379');
    expect(config.http.publicUrl).toBe('http://localhost:3000');
  });

  it('follows PORT with the default public URL, and keeps an explicit one', () => {
    expect(loadConfig({ PORT: '4321' }).http.publicUrl).toBe('http://localhost:4321');
    expect(loadConfig({ PORT: '4321', PUBLIC_URL: 'https://portal.example' }).http.publicUrl).toBe(
      'https://portal.example',
    );
  });

  it('reads the group commit of webhook deliveries, refusing a batch size or writer count below one', () => {
    expect(loadConfig({}).http.webhookBatch).toEqual({ maxWaitMs: 2, maxBatch: 200, maxWriters: 2 });
    expect(loadConfig({ WEBHOOK_BATCH_MAX: '1', WEBHOOK_BATCH_WRITERS: '4' }).http.webhookBatch).toEqual({
      maxWaitMs: 2,
      maxBatch: 1,
      maxWriters: 4,
    });
    expect(() => loadConfig({ WEBHOOK_BATCH_WRITERS: '0' })).toThrow(/WEBHOOK_BATCH_WRITERS/);
    expect(() => loadConfig({ WEBHOOK_BATCH_MAX: '0' })).toThrow(/WEBHOOK_BATCH_MAX/);
  });

  it('reads how many statements a connection prepares, 0 for none, refusing a negative count', () => {
    expect(loadConfig({}).database.preparedStatements).toBe(256);
    expect(loadConfig({ DATABASE_PREPARED_STATEMENTS: '0' }).database.preparedStatements).toBe(0);
    expect(() => loadConfig({ DATABASE_PREPARED_STATEMENTS: '-1' })).toThrow(/DATABASE_PREPARED_STATEMENTS/);
  });

  it('pipelines statements unless told not to', () => {
    expect(loadConfig({}).database.pipelining).toBe(true);
    expect(loadConfig({ DATABASE_PIPELINING: 'false' }).database.pipelining).toBe(false);
    expect(() => loadConfig({ DATABASE_PIPELINING: 'sometimes' })).toThrow(/DATABASE_PIPELINING/);
  });

  it('parses booleans explicitly', () => {
    expect(loadConfig({ API_TRUST_PROXY: 'false' }).http.trustProxy).toBe(false);
    expect(loadConfig({ API_TRUST_PROXY: 'true' }).http.trustProxy).toBe(true);
    expect(() => loadConfig({ API_TRUST_PROXY: 'maybe' })).toThrow(ConfigError);
  });

  it('lists every invalid variable at once', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', REDIS_URL: 'nope' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toContain('PORT');
      expect(problems).toContain('DATABASE_URL');
      expect(problems).toContain('REDIS_URL');
    }
  });

  it('refuses development secrets in production', () => {
    const production = {
      NODE_ENV: 'production',
      PUBLIC_URL: 'https://laras.example',
      SESSION_SECRET: 's'.repeat(40),
      META_APP_ID: '123',
      META_APP_SECRET: 'real-secret',
      META_VERIFY_TOKEN: 'real-verify',
      INSTAGRAM_APP_SECRET: 'real-ig-secret',
      LARAS_ENCRYPTION_KEYS: `1:${Buffer.alloc(32, 7).toString('base64')}`,
      META_ES_CONFIG_ID: '1234567890',
      INSTAGRAM_APP_ID: '9876543210',
    };
    for (const name of [
      'PUBLIC_URL',
      'SESSION_SECRET',
      'META_APP_ID',
      'META_APP_SECRET',
      'LARAS_ENCRYPTION_KEYS',
      'META_ES_CONFIG_ID',
      'INSTAGRAM_APP_ID',
    ]) {
      const { [name as keyof typeof production]: _, ...missing } = production;
      expect(() => loadConfig(missing), name).toThrow(new RegExp(name));
    }
    const config = loadConfig(production);
    expect(config.env).toBe('production');
    expect(config.meta.sandbox).toBe(false);
  });

  it('drafts with an OpenAI-compatible model only when key and model are both set', () => {
    expect(loadConfig({}).drafting).toEqual({});
    expect(
      loadConfig({
        OPENAI_API_KEY: 'sk-test',
        LARAS_DRAFT_MODEL: 'm',
        OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
      }).drafting,
    ).toEqual({ openAi: { apiKey: 'sk-test', model: 'm', baseUrl: 'http://127.0.0.1:9/v1' } });
    expect(() => loadConfig({ OPENAI_API_KEY: 'sk-test' })).toThrow(/LARAS_DRAFT_MODEL/);
  });

  it('publishes through Svix only when SVIX_API_KEY is set, and SVIX_SERVER_URL must be a URL', () => {
    expect(loadConfig({}).webhooks).toEqual({ allowPrivateNetworks: false });
    expect(loadConfig({ SVIX_API_KEY: 'sk_test.eu' }).webhooks.svix).toEqual({ apiKey: 'sk_test.eu' });
    expect(
      loadConfig({ SVIX_API_KEY: 'sk_test', SVIX_SERVER_URL: 'http://127.0.0.1:8071' }).webhooks.svix,
    ).toEqual({ apiKey: 'sk_test', serverUrl: 'http://127.0.0.1:8071' });
    expect(() => loadConfig({ SVIX_API_KEY: 'sk_test', SVIX_SERVER_URL: 'not a url' })).toThrow(
      /SVIX_SERVER_URL/,
    );
    expect(() => loadConfig({ SVIX_API_KEY: 'sk_test', SVIX_SERVER_URL: 'ftp://svix.example' })).toThrow(
      /SVIX_SERVER_URL/,
    );
    expect(() => loadConfig({ SVIX_SERVER_URL: 'http://127.0.0.1:8071' })).toThrow(/SVIX_API_KEY/);
  });

  it('asks the system DNS servers unless DNS_SERVERS lists others, refusing what is not IP[:PORT]', () => {
    expect(loadConfig({}).dns).toEqual({ servers: [], timeoutMs: 3000 });
    expect(
      loadConfig({ DNS_SERVERS: '1.1.1.1, 127.0.0.1:5353,[::1]:53,::1', DNS_TIMEOUT_MS: '500' }).dns,
    ).toEqual({
      servers: ['1.1.1.1', '127.0.0.1:5353', '[::1]:53', '::1'],
      timeoutMs: 500,
    });
    for (const bad of [
      'dns.example.com',
      '127.0.0.1:0',
      '127.0.0.1:70000',
      '[127.0.0.1]:53',
      '1.1.1.1,',
      'udp://1.1.1.1',
    ]) {
      expect(() => loadConfig({ DNS_SERVERS: bad }), bad).toThrow(/DNS_SERVERS/);
    }
    expect(() => loadConfig({ DNS_TIMEOUT_MS: '0' })).toThrow(/DNS_TIMEOUT_MS/);
  });

  it('never keeps a password in the derived app URL', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://owner:secret@db.internal:5432/laras' });
    expect(config.database.appUrl).toBe('postgres://laras_app@db.internal:5432/laras');
  });
});
