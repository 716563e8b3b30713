/** Writes a benchmark's full report as JSON beside the others in `bench/results/`. */
import { mkdir, writeFile } from 'node:fs/promises';

/** Writes `<dir>/<name>-<timestamp>.json`; answers its path. */
export async function writeJson(dir: string, report: unknown, name = 'inbound'): Promise<string> {
  await mkdir(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const path = `${dir}/${name}-${stamp}.json`;
  await writeFile(path, `${JSON.stringify(report, null, 2)}\n`);
  return path;
}
