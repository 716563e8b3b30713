/**
 * Generates the TypeScript view of openapi.yaml: the types (openapi-typescript) and an index of
 * operations (operationId -> method + path) that the API router and the SDK are built from.
 * `--check` writes nothing and fails when the committed files differ from a fresh generation.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { parse } from 'yaml';

const root = new URL('../', import.meta.url);
const specUrl = new URL('openapi.yaml', root);
const HEADER = '// Generated from openapi/openapi.yaml by `npm run generate`. Do not edit.\n';
const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

type SpecDocument = {
  paths: Record<string, Partial<Record<string, { operationId?: string }>>>;
  components: { schemas: Record<string, { type?: unknown; enum?: unknown[] }> };
};

async function renderTypes(): Promise<string> {
  const ast = await openapiTS(specUrl, { alphabetize: false, exportType: true, defaultNonNullable: false });
  return HEADER + astToString(ast);
}

async function renderOperationIndex(): Promise<string> {
  const spec = parse(await readFile(specUrl, 'utf8')) as SpecDocument;
  const lines: string[] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const method of METHODS) {
      const operationId = item[method]?.operationId;
      if (!operationId) continue;
      lines.push(`  ${operationId}: { method: '${method}', path: '${path}' },`);
    }
  }
  return `${HEADER}\n/** Every operation of the spec: its HTTP method and path template. */\nexport const operationIndex = {\n${lines.join('\n')}\n} as const;\n\nexport type OperationId = keyof typeof operationIndex;\n`;
}

/** The values of every string enum schema, for code that needs them at run time (e.g. the event catalog). */
async function renderEnums(): Promise<string> {
  const spec = parse(await readFile(specUrl, 'utf8')) as SpecDocument;
  const lines: string[] = [];
  for (const [name, schema] of Object.entries(spec.components.schemas)) {
    if (schema.type !== 'string' || !Array.isArray(schema.enum)) continue;
    lines.push(`  ${name}: [${schema.enum.map((value) => `'${String(value)}'`).join(', ')}],`);
  }
  return `${HEADER}\n/** The values of each string enum of the spec's components, in the spec's order. */\nexport const enums = {\n${lines.join('\n')}\n} as const;\n`;
}

const outputs: Array<[string, () => Promise<string>]> = [
  ['generated/schema.ts', renderTypes],
  ['generated/operations.ts', renderOperationIndex],
  ['generated/enums.ts', renderEnums],
];

const check = process.argv.includes('--check');
let stale = 0;
for (const [file, render] of outputs) {
  const target = fileURLToPath(new URL(file, root));
  const fresh = await render();
  if (check) {
    const current = await readFile(target, 'utf8').catch(() => '');
    if (current !== fresh) {
      stale += 1;
      console.error(`openapi/${file} is stale: run \`npm run generate\` and commit the result.`);
    }
  } else {
    await writeFile(target, fresh);
    console.error(`wrote openapi/${file}`);
  }
}
if (stale > 0) process.exit(1);
