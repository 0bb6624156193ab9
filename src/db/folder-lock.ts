// One process per embedded data folder: PGlite has no locking of its own, and two processes writing one folder
// lose data silently (a key created by `kehoach keys create` beside a running server never worked and was gone
// after a restart). The owner writes its pid into <dataDir>/kehoach.lock; a second opener refuses with a clear
// message while that process is alive, and takes over a lock whose process is gone (after kill -9).
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export class DataFolderBusyError extends Error {
  override readonly name = 'DataFolderBusyError';
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `the embedded data folder ${dataDir} is in use by process ${pid} (a running kehoach server); ` +
        'stop it first, or manage keys through its admin API (POST /v1/keys with an admin key)',
    );
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the folder's lock or throws DataFolderBusyError; returns the release function. */
export function lockDataFolder(dataDir: string): () => void {
  const path = join(dataDir, 'kehoach.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(path, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let pid = Number.NaN;
      try {
        pid = Number(readFileSync(path, 'utf8').trim());
      } catch {
        continue; // removed meanwhile: try again
      }
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw new DataFolderBusyError(dataDir, pid);
      }
      // Stale (its process is gone) or unreadable: take it over.
      rmSync(path, { force: true });
    }
  }
  throw new Error(`could not lock the data folder ${dataDir}`);
}
