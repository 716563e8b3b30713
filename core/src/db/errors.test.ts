import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/index.ts';
import { translateDatabaseError } from './errors.ts';

const pgError = (code: string) => Object.assign(new Error(`pg ${code}`), { code });

describe('translateDatabaseError', () => {
  it('answers a deadlock or a serialization failure as unavailable: the transaction was rolled back and a retry goes through', () => {
    for (const code of ['40P01', '40001']) {
      const translated = translateDatabaseError(pgError(code));
      expect(translated).toBeInstanceOf(AppError);
      expect(translated).toMatchObject({ code: 'service_unavailable' });
    }
  });

  it('leaves an error of our own (a syntax error) as it is, for a 500', () => {
    const syntax = pgError('42601');
    expect(translateDatabaseError(syntax)).toBe(syntax);
  });
});
