// The resumable upload manifest: one JSON line per acknowledged file, appended as soon as the server answers,
// so an interrupted run (kill, crash, lost connection) resumes by sending only what was not acknowledged.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';

const RunLine = z.object({
  kind: z.literal('run'),
  server: z.string(),
  batchId: z.string(),
  batchName: z.string().nullable(),
  at: z.string(),
});

const FileLine = z.object({
  kind: z.literal('file'),
  path: z.string(),
  size: z.int().nonnegative(),
  mtimeMs: z.number(),
  sha256: z.string(),
  outcome: z.enum(['accepted', 'duplicate', 'refused']),
  documentId: z.string().nullable(),
  reason: z.string().nullable(),
  detail: z.string().nullable(),
});

const Line = z.discriminatedUnion('kind', [RunLine, FileLine]);
export type ManifestRun = z.infer<typeof RunLine>;
export type ManifestFile = z.infer<typeof FileLine>;

/** The identity of a file on disk for resuming: same path, size and modification time means already sent. */
export const fileKey = (p: { path: string; size: number; mtimeMs: number }) => `${p.path}\0${p.size}\0${p.mtimeMs}`;

export class Manifest {
  readonly files = new Map<string, ManifestFile>();
  run: ManifestRun | null = null;

  private constructor(readonly path: string) {}

  /** Reads an existing manifest; a torn last line (the process was killed mid-write) is ignored. */
  static open(path: string): Manifest {
    const m = new Manifest(path);
    if (!existsSync(path)) return m;
    for (const raw of readFileSync(path, 'utf8').split('\n')) {
      if (!raw.trim()) continue;
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch {
        continue;
      }
      const line = Line.safeParse(json);
      if (!line.success) continue;
      if (line.data.kind === 'run') m.run ??= line.data;
      else m.files.set(fileKey(line.data), line.data);
    }
    return m;
  }

  startRun(run: Omit<ManifestRun, 'kind' | 'at'>): void {
    this.run = { kind: 'run', ...run, at: new Date().toISOString() };
    this.append(this.run);
  }

  record(file: Omit<ManifestFile, 'kind'>): void {
    const line: ManifestFile = { kind: 'file', ...file };
    this.files.set(fileKey(line), line);
    this.append(line);
  }

  private append(line: ManifestRun | ManifestFile): void {
    // Synchronous append: the line is on disk before the next file is acknowledged.
    appendFileSync(this.path, `${JSON.stringify(line)}\n`);
  }
}
