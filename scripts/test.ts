/**
 * `npm test`: every check CI relies on, in one command. Static checks (stale generated code, spec
 * lint, lint/format, type check, SDK build) and then every test of every package in one vitest run
 * against the real PostgreSQL and Redis. Ends with one line: `N passed, N failed[, N skipped]`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const reportDir = join(root, 'node_modules', '.cache', 'laras-test');
const reportFile = join(reportDir, 'vitest.json');
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1', FORCE_COLOR: '0' };

type Step = { name: string; command: string[] };

const staticSteps: Step[] = [
  {
    name: 'generated files are fresh',
    command: ['npm', 'run', '-s', 'check:generated', '-w', '@laras/openapi'],
  },
  { name: 'spec lint', command: ['npm', 'run', '-s', 'lint:spec', '-w', '@laras/openapi'] },
  { name: 'lint and format', command: ['npx', 'biome', 'ci', '.'] },
  {
    name: 'type check (packages) and SDK build',
    command: ['npx', 'turbo', 'run', 'typecheck', 'build', '--output-logs=errors-only'],
  },
  { name: 'type check (root scripts)', command: ['npx', 'tsc', '-p', '.'] },
];

function run(step: Step): boolean {
  process.stdout.write(`\n── ${step.name}\n`);
  const [command, ...args] = step.command;
  const result = spawnSync(command ?? 'false', args, { cwd: root, stdio: 'inherit', env });
  const ok = result.status === 0;
  process.stdout.write(ok ? `ok: ${step.name}\n` : `FAILED: ${step.name}\n`);
  return ok;
}

/** Browser tests drive Debian's Chromium; on a fresh machine (as root) install it, else say how. */
function ensureChromium(): boolean {
  if (existsSync('/usr/bin/chromium')) return true;
  if (process.getuid?.() !== 0) {
    process.stdout.write('Chromium is missing: install it with `sudo apt-get install -y chromium`.\n');
    return false;
  }
  return run({
    name: 'install Chromium for browser tests',
    command: [
      'sh',
      '-c',
      'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium',
    ],
  });
}

const failedSteps = staticSteps.filter((step) => !run(step)).map((step) => step.name);
if (!ensureChromium()) failedSteps.push('Chromium');

rmSync(reportFile, { force: true });
mkdirSync(reportDir, { recursive: true });
const testsOk = run({
  name: 'tests',
  command: [
    'npx',
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${reportFile}`,
  ],
});
if (!testsOk) failedSteps.push('tests');

type VitestReport = {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
};
let counts = { passed: 0, failed: 0, skipped: 0 };
try {
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as VitestReport;
  counts = {
    passed: report.numPassedTests,
    failed: report.numFailedTests,
    skipped: report.numPendingTests + report.numTodoTests,
  };
} catch {
  failedSteps.push('test report missing');
}
// A failed static step counts as a failure too, so the summary never reads green when CI is red.
const failed = counts.failed + failedSteps.filter((s) => s !== 'tests').length;

if (failedSteps.length > 0) process.stdout.write(`\nFailed: ${failedSteps.join(', ')}\n`);
process.stdout.write(
  `\n${counts.passed} passed, ${failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}\n`,
);
process.exit(failedSteps.length > 0 ? 1 : 0);
