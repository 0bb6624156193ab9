// Legacy Word .doc reading time (issue 7), called from bench/index.ts: word-extractor (the pure-JS path used)
// per document, and — where LibreOffice is installed — its conversion to DOCX on the same files, side by side.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readDoc } from '../src/ingest/doc.js';
import { extract } from '../src/pipeline.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

function soffice(): string | null {
  try {
    return execFileSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

export async function benchDoc(): Promise<void> {
  const docs = readdirSync(FIXTURES).flatMap((d) => {
    try {
      return [{ name: d, bytes: readFileSync(path.join(FIXTURES, d, 'input.doc')) }];
    } catch {
      return [];
    }
  });
  const lo = soffice();
  for (const d of docs) {
    const runs = 10;
    await readDoc(d.bytes); // warm-up
    let start = performance.now();
    for (let i = 0; i < runs; i++) await readDoc(d.bytes);
    const readMs = (performance.now() - start) / runs;
    start = performance.now();
    for (let i = 0; i < runs; i++) await extract({ bytes: d.bytes, fileName: d.name });
    const extractMs = (performance.now() - start) / runs;
    let line = `doc ${d.name}: word-extractor ${readMs.toFixed(1)} ms per document (whole extraction ${extractMs.toFixed(1)} ms)`;
    if (lo) {
      const dir = mkdtempSync(path.join(tmpdir(), 'kehoach-bench-'));
      try {
        writeFileSync(path.join(dir, 'in.doc'), d.bytes);
        start = performance.now();
        execFileSync(
          lo,
          [
            `-env:UserInstallation=file://${dir}/p`,
            '--headless',
            '--convert-to',
            'docx',
            '--outdir',
            dir,
            path.join(dir, 'in.doc'),
          ],
          {
            stdio: 'ignore',
          },
        );
        const loMs = performance.now() - start;
        line += `; LibreOffice → DOCX ${loMs.toFixed(0)} ms (cold start; ratio ${(loMs / readMs).toFixed(0)}×)`;
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    console.log(line);
  }
  if (!lo) console.log('doc: LibreOffice (soffice) not installed; only the pure-JS reader was timed');
}
