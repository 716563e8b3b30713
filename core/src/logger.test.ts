import { Writable } from 'node:stream';
import { expect, it } from 'vitest';
import { runWithContext } from './context.ts';
import { createLogger } from './logger.ts';

it('redacts secrets and stamps the request context on every line', () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const logger = createLogger({ level: 'info', destination: sink });
  runWithContext({ requestId: 'req_1', partnerId: 'ptn_1' }, () => {
    logger.info({ authorization: 'Bearer lrs_test_secret', nested: { token: 'EAAB-secret' } }, 'hello');
  });
  const line = JSON.parse(lines[0] ?? '{}');
  expect(line).toMatchObject({ msg: 'hello', request_id: 'req_1', partner_id: 'ptn_1', level: 'info' });
  expect(lines[0]).not.toContain('lrs_test_secret');
  expect(lines[0]).not.toContain('EAAB-secret');
});

it("logs a database error's code and constraint, never the row values PostgreSQL quotes with it", () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const logger = createLogger({ level: 'info', destination: sink });
  // What node-postgres throws for a check violation (knex prefixes its SQL, with placeholders).
  const pgError = Object.assign(
    new Error(
      'insert into "messages" ("text") values ($1) - new row violates check constraint "messages_text_check"',
    ),
    {
      code: '23514',
      constraint: 'messages_text_check',
      detail: 'Failing row contains (msg_1, Kirim ke Jl. Braga 1, 0812 3456 7890).',
      where: 'SQL statement "insert into messages values (\'Jl. Braga 1\')"',
      internalQuery: "insert into messages values ('Jl. Braga 1')",
    },
  );
  logger.error({ err: pgError }, 'job failed');
  logger.error({ err: new Error('wrapped', { cause: pgError }) }, 'job failed');
  logger.error({ err: new AggregateError([pgError], 'several failed') }, 'job failed');
  for (const line of lines) {
    expect(line).not.toContain('Braga');
    expect(line).not.toContain('0812');
  }
  expect(JSON.parse(lines[0] ?? '{}').err).toMatchObject({
    code: '23514',
    constraint: 'messages_text_check',
  });
  expect(JSON.parse(lines[0] ?? '{}').err.message).toContain('messages_text_check');
});
