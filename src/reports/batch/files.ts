/**
 * A batch's files are written whole or not at all: each goes to a temporary name beside it
 * (".raport-….pdf.HOST.PID.part") and is renamed when complete, so a file under its final name is always a
 * finished report, and a worker killed mid-write leaves only a ".part" file that the next run removes.
 */
import { existsSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

const HOST = hostname().replace(/[^A-Za-z0-9-]/g, '-');
const PART = /^\.(.+)\.([A-Za-z0-9-]+)\.(\d+)\.part$/;

export function partName(fileName: string, pid = process.pid): string {
  return `.${fileName}.${HOST}.${pid}.part`;
}

/** Writes `bytes` to `dir/fileName` by way of a temporary name and a rename (atomic on one file system). */
export function writeWhole(dir: string, fileName: string, bytes: Uint8Array): void {
  const part = join(dir, partName(fileName));
  writeFileSync(part, bytes);
  renameSync(part, join(dir, fileName));
}

export const isDone = (dir: string, fileName: string): boolean => existsSync(join(dir, fileName));

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Removes temporary files left by killed writers: on this machine, those whose process is gone; for
 * `taken` (final names whose job this process now holds, the queue giving a job to one worker at a time),
 * those of any machine. Returns how many were removed.
 */
export function removeLeftovers(dir: string, taken: ReadonlySet<string> = new Set()): number {
  if (!existsSync(dir)) return 0;
  let removed = 0;
  for (const name of readdirSync(dir)) {
    const match = PART.exec(name);
    if (!match) continue;
    const [, fileName, host, pid] = match as unknown as [string, string, string, string];
    const own = host === HOST && Number(pid) === process.pid;
    if (own) continue;
    if (taken.has(fileName) || (host === HOST && !alive(Number(pid)))) {
      rmSync(join(dir, name), { force: true });
      removed++;
    }
  }
  return removed;
}
