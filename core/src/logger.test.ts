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
