// The two poison documents of issue 12, generated (never committed): each passed every per-file limit of its day
// and took the process out of memory.
import { buildDocx, wPara } from '../ingest/zip-builder.js';

/** ~1.6 MB of HTML: one row of wide cells spanning all the rows below it → a grid of billions of cells. */
export function htmlSpanGrid(): Uint8Array {
  const wide = '<td colspan="100" rowspan="65534">x</td>'.repeat(40_000);
  return new TextEncoder().encode(
    `<html><body><table><tr>${wide}</tr>${'<tr></tr>'.repeat(20_000)}</table></body></html>`,
  );
}

/** A DOCX of a few hundred KB whose word/document.xml inflates to ~39 MB (under the 40 MB XML budget). */
export function docxInflating(): Uint8Array {
  const paras: string[] = [];
  let size = 0;
  let seed = 7;
  while (size < 39 * 1024 * 1024) {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    // Varied enough that the compression ratio stays far below the zip-bomb ratio check.
    const p = wPara(`Chỉ tiêu ${seed % 9973}: đạt ${seed % 97}% vào năm ${2020 + (seed % 11)}`);
    paras.push(p);
    size += p.length;
  }
  return buildDocx(paras.join(''));
}
