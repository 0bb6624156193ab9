// `npm run bench`: extractor throughput on the text corpus (one core, this process) and PDF/DOCX ingest times.
// Prints numbers and ratios against the goals; never fails on speed (speed goals live here, not in tests).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extract } from '../src/pipeline.js';
import { benchDoc } from './doc.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
const GOAL_DOCS_PER_SECOND = 300;

interface Input {
  name: string;
  bytes: Buffer;
}

function inputs(ext: string): Input[] {
  return readdirSync(FIXTURES)
    .map((d) => path.join(FIXTURES, d, `input.${ext}`))
    .flatMap((p) => {
      try {
        return [{ name: path.basename(path.dirname(p)), bytes: readFileSync(p) }];
      } catch {
        return [];
      }
    });
}

async function timeAll(docs: Input[], minMs: number): Promise<{ runs: number; ms: number; bytes: number }> {
  let runs = 0;
  let bytes = 0;
  const start = performance.now();
  do {
    for (const d of docs) {
      await extract({ bytes: d.bytes, fileName: d.name });
      bytes += d.bytes.length;
      runs++;
    }
  } while (performance.now() - start < minMs);
  return { runs, ms: performance.now() - start, bytes };
}

async function main(): Promise<void> {
  const texts = inputs('txt');
  await timeAll(texts, 0); // warm-up: JIT and rule tables
  const t = await timeAll(texts, 3000);
  const docsPerSecond = (t.runs / t.ms) * 1000;
  const mbPerSecond = t.bytes / 1e6 / (t.ms / 1000);
  console.log(`text corpus: ${texts.length} plans, ${t.runs} extractions in ${t.ms.toFixed(0)} ms (one core)`);
  console.log(`  throughput: ${docsPerSecond.toFixed(1)} documents/s, ${mbPerSecond.toFixed(2)} MB/s`);
  console.log(
    `  goal ${GOAL_DOCS_PER_SECOND} documents/s per core: ratio ${(docsPerSecond / GOAL_DOCS_PER_SECOND).toFixed(2)}`,
  );
  console.log(`  mean per plan: ${(t.ms / t.runs).toFixed(2)} ms`);

  for (const ext of ['pdf', 'docx', 'html']) {
    for (const d of inputs(ext)) {
      const runs = ext === 'pdf' ? 3 : 10;
      let pages: number | null = null;
      const start = performance.now();
      for (let i = 0; i < runs; i++)
        pages = (await extract({ bytes: d.bytes, fileName: d.name })).extraction.document.pages;
      const ms = (performance.now() - start) / runs;
      const perPage = pages ? `, ${(ms / pages).toFixed(1)} ms/page (${pages} pages)` : '';
      console.log(`${ext} ${d.name}: ${ms.toFixed(1)} ms per document${perPage}`);
    }
  }
  // Legacy Word .doc (issue 7): a separate section, bench/doc.ts.
  await benchDoc();
  const mem = process.memoryUsage();
  console.log(`memory: rss ${(mem.rss / 1e6).toFixed(0)} MB, heap used ${(mem.heapUsed / 1e6).toFixed(0)} MB`);
}

await main();
