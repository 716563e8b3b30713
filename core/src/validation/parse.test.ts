import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../errors/index.ts';
import { findNul } from './nul.ts';
import { parseInput } from './parse.ts';

describe('findNul', () => {
  it('finds the first string or key holding NUL, and its path', () => {
    expect(findNul({ a: 'ok', b: [1, 'x\u0000'] })).toEqual(['b', 1]);
    expect(findNul({ meta: { 'k\u0000': 'v' } })).toEqual(['meta', 'k\u0000']);
    expect(findNul('\u0000')).toEqual([]);
    expect(findNul({ a: 'ok', b: [1, null, true], c: { d: 'e' } })).toBeUndefined();
  });
});

describe('parseInput', () => {
  const schema = z.object({ name: z.string(), tags: z.array(z.string()) });

  it('refuses a string holding NUL with a 400 at its path, before the schema', () => {
    const attempt = () => parseInput(schema, { name: 'ok', tags: ['a', 'b\u0000c'] });
    expect(attempt).toThrow(AppError);
    expect(attempt).toThrow(expect.objectContaining({ code: 'invalid_request', param: 'tags[1]' }));
  });

  it('reports NUL in the input as a whole at `where`', () => {
    expect(() => parseInput(z.string(), 'a\u0000', 'query')).toThrow(
      expect.objectContaining({ param: 'query' }),
    );
  });

  it('passes input without NUL on to the schema', () => {
    expect(parseInput(schema, { name: 'ok', tags: ['a'] })).toEqual({ name: 'ok', tags: ['a'] });
  });
});
