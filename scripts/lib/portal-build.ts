/**
 * `npm start` serves the built portal. It builds it when there is no build yet or when a source
 * file is newer than the build, so a fresh checkout and an edited portal both just work.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '@laras/core';

const root = new URL('../..', import.meta.url).pathname;
const portal = join(root, 'portal');

function newestSource(): number {
  const files = readdirSync(join(portal, 'src'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
  files.push(join(portal, 'index.html'), join(portal, 'vite.config.ts'));
  return Math.max(...files.map((file) => statSync(file).mtimeMs));
}

/** Whether portal/dist is missing or older than the portal's sources. */
export function portalBuildIsStale(): boolean {
  const built = join(portal, 'dist', 'index.html');
  return !existsSync(built) || statSync(built).mtimeMs < newestSource();
}

export async function ensurePortalBuilt(logger: Logger): Promise<void> {
  if (!portalBuildIsStale()) return;
  logger.info({ category: 'lifecycle' }, 'building the portal');
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn('npm', ['run', '-s', 'build', '-w', '@laras/portal'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', resolve);
  });
  if (code !== 0) throw new Error(`Building the portal failed (exit ${code}); see the output above.`);
}
