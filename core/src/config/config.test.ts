import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('has working development defaults and derives the app role URL', () => {
    const config = loadConfig({});
    expect(config.http.port).toBe(3000);
    expect(config.database.ownerUrl).toBe('postgres://postgres@127.0.0.1:5432/laras');
    expect(config.database.appUrl).toBe('postgres://laras_app@127.0.0.1:5432/laras');
    expect(config.redis.url).toBe('redis://127.0.0.1:6379');
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
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET/);
    const config = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(40) });
    expect(config.env).toBe('production');
  });

  it('never keeps a password in the derived app URL', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://owner:secret@db.internal:5432/laras' });
    expect(config.database.appUrl).toBe('postgres://laras_app@db.internal:5432/laras');
  });
});
