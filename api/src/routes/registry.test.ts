import { operationIndex } from '@laras/openapi';
import { expect, it } from 'vitest';
import { routes } from './index.ts';

it('implements every operation of the spec exactly once, and nothing else', () => {
  const implemented = routes.map((route) => route.operationId);
  expect(new Set(implemented).size).toBe(implemented.length);
  expect([...implemented].sort()).toEqual(Object.keys(operationIndex).sort());
});
