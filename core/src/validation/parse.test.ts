import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../errors/index.ts';
import { findNul, storableText } from './nul.ts';
import { parseInput } from './parse.ts';

describe('findNul', () => {
  it('finds the first string or key holding NUL, and its path', () => {
    expect(findNul({ a: 'ok', b: [1, 'x\u0000'] })).toEqual(['b', 1]);
    expect(findNul({ meta: { 'k\u0000': 'v' } })).toEqual(['meta', 'k\u0000']);
    expect(findNul('\u0000')).toEqual([]);
    expect(findNul({ a: 'ok', b: [1, null, true], c: { d: 'e' } })).toBeUndefined();
  });
});

describe('storableText', () => {
  it('puts U+FFFD in place of NUL and lone surrogates, and keeps surrogate pairs (emoji)', () => {
    expect(storableText('a\u0000b\ud83dc\udc00d\ud83d\ude00')).toBe('a\uFFFDb\uFFFDc\uFFFDd\ud83d\ude00');
    expect(storableText('plain')).toBe('plain');
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

  it('refuses a lone surrogate, which no UTF-8 column can hold, and keeps a surrogate pair', () => {
    const attempt = () => parseInput(schema, { name: 'ok', tags: ['a\ud800b'] });
    expect(attempt).toThrow(expect.objectContaining({ code: 'invalid_request', param: 'tags[0]' }));
    expect(() => parseInput(z.record(z.string(), z.string()), { '\udc00': 'v' })).toThrow(
      expect.objectContaining({ code: 'invalid_request', param: '\udc00' }),
    );
    expect(parseInput(schema, { name: '\u{1F600}', tags: [] })).toEqual({ name: '\u{1F600}', tags: [] });
  });

  it('answers a body nested far deeper than the stack with a 400, not a stack overflow', () => {
    let deep: unknown = 'x\u0000';
    for (let depth = 0; depth < 200_000; depth += 1) deep = [deep];
    expect(() => parseInput(schema, { name: 'ok', tags: deep })).toThrow(
      expect.objectContaining({ code: 'invalid_request' }),
    );
    let clean: unknown = 'x';
    for (let depth = 0; depth < 200_000; depth += 1) clean = [clean];
    expect(() => parseInput(schema, { name: 'ok', tags: clean })).toThrow(
      expect.objectContaining({ code: 'invalid_request', param: 'tags[0]' }),
    );
  });

  it('passes input without NUL on to the schema', () => {
    expect(parseInput(schema, { name: 'ok', tags: ['a'] })).toEqual({ name: 'ok', tags: ['a'] });
  });
});
