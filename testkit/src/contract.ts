/**
 * Checks responses against openapi.yaml: the status must be one the operation declares, and the
 * body must match the declared schema (additionalProperties: false catches leaked fields).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { operationIndex } from '@laras/openapi';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { parse } from 'yaml';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js').default;
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;

type ResponseObject = { $ref?: string; content?: Record<string, { schema?: unknown }> };
type SecurityRequirement = Record<string, string[]>;
type OperationObject = { responses: Record<string, ResponseObject>; security?: SecurityRequirement[] };

const specPath = require.resolve('@laras/openapi/openapi.yaml');
const spec = parse(readFileSync(specPath, 'utf8')) as {
  security?: SecurityRequirement[];
  paths: Record<string, Record<string, OperationObject>>;
  components: { responses: Record<string, ResponseObject> };
};

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(spec, 'spec');

const escapePointer = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');

const matchers = Object.entries(operationIndex).map(([operationId, { method, path }]) => ({
  operationId,
  method: method.toUpperCase(),
  path,
  pattern: new RegExp(`^${path.replace(/\{[a-z_]+\}/g, '[^/]+')}$`),
}));

const validators = new Map<string, ValidateFunction | null>();

function validatorFor(path: string, method: string, status: string): ValidateFunction | null | 'undeclared' {
  const operation = spec.paths[path]?.[method.toLowerCase()];
  const declared = operation?.responses[status];
  if (!declared) return 'undeclared';
  const cacheKey = `${method} ${path} ${status}`;
  if (!validators.has(cacheKey)) {
    let pointer = `#/paths/${escapePointer(path)}/${method.toLowerCase()}/responses/${status}`;
    let response = declared;
    if (declared.$ref) {
      const name = declared.$ref.split('/').at(-1) ?? '';
      response = spec.components.responses[name] ?? {};
      pointer = `#/components/responses/${escapePointer(name)}`;
    }
    const hasJson = Boolean(response.content?.['application/json']?.schema);
    validators.set(
      cacheKey,
      hasJson ? (ajv.getSchema(`spec${pointer}/content/application~1json/schema`) ?? null) : null,
    );
  }
  return validators.get(cacheKey) ?? null;
}

/** Problems with a response, or an empty list. Paths outside the spec are not checked. */
export function contractProblems(method: string, pathname: string, status: number, body: unknown): string[] {
  const operation = matchers.find((m) => m.method === method.toUpperCase() && m.pattern.test(pathname));
  if (!operation) return [];
  const validate = validatorFor(operation.path, operation.method, String(status));
  if (validate === 'undeclared') {
    return [`${operation.operationId} answered ${status}, which the spec does not declare`];
  }
  if (validate === null) {
    return body === undefined || body === ''
      ? []
      : [`${operation.operationId} ${status} should have no body`];
  }
  if (validate(body)) return [];
  return (validate.errors ?? []).map(
    (e) => `${operation.operationId} ${status}: ${e.instancePath || '(body)'} ${e.message ?? ''}`,
  );
}

/** The security schemes an operation accepts (`partnerApiKey`, `portalSession`); empty for none. */
export function securitySchemesOf(operationId: string): string[] {
  const entry = Object.entries(operationIndex).find(([id]) => id === operationId)?.[1];
  if (!entry) throw new Error(`unknown operation ${operationId}`);
  const operation = spec.paths[entry.path]?.[entry.method];
  const requirements = operation?.security ?? spec.security ?? [];
  return [...new Set(requirements.flatMap((requirement) => Object.keys(requirement)))];
}

const validateEvent = ajv.getSchema('spec#/components/schemas/Event');

/** Problems with a partner event in its wire form against the spec's event catalog, or an empty list. */
export function eventProblems(event: unknown): string[] {
  if (!validateEvent) return ['the spec has no Event schema'];
  if (validateEvent(event)) return [];
  const type = (event as { type?: unknown } | null)?.type;
  return (validateEvent.errors ?? [])
    .filter((e) => e.keyword !== 'oneOf' && !(e.instancePath === '/type' && e.keyword === 'enum'))
    .map((e) => `${String(type)}: ${e.instancePath || '(event)'} ${e.message ?? ''}`);
}
