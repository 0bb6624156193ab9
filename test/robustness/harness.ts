// Shared by the robustness tests: the key facts two extractions of the same plan must agree on, and the
// normaliser's own view of a text plan (body paragraphs unwrapped, table regions as their raw lines), from
// which re-wrapped and HTML renderings of the same plan are generated.

import { isUtf8 } from 'node:buffer';
import { readdirSync, readFileSync } from 'node:fs';
import type { Extraction } from '../../src/contract/schema.js';
import { readText } from '../../src/ingest/index.js';
import { measure, toUnits } from '../../src/normalise/normalise.js';
import { splitRegions } from '../../src/normalise/regions.js';
import { unwrap } from '../../src/normalise/unwrap.js';
import { extract } from '../../src/pipeline.js';
import { fixtureCases } from '../helpers/fixtures.js';

/** Text fixtures (the seeds and the corpus plans) and the held-out plans of ./plans. */
export function textCases(): { name: string; text: string }[] {
  const plans = readdirSync(PLANS_DIR)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => ({ name: `held-out ${f}`, text: readFileSync(new URL(f, PLANS_DIR), 'utf8') }));
  return (
    fixtureCases()
      .filter((c) => c.input.endsWith('input.txt'))
      .map((c) => ({ name: c.name, bytes: readFileSync(c.input) }))
      // Legacy-encoded fixtures (seed-NNN-vni-text …) are not UTF-8: read as UTF-8 they are not those plans.
      .filter((c) => isUtf8(c.bytes))
      .map((c) => ({ name: c.name, text: c.bytes.toString('utf8') }))
      .concat(plans)
  );
}

const PLANS_DIR = new URL('./plans/', import.meta.url);

export async function run(text: string, format?: 'html'): Promise<Extraction> {
  const bytes = new TextEncoder().encode(text);
  return (await extract({ bytes, ...(format ? { format } : {}) })).extraction;
}

export interface KeyFacts {
  metadata: { number: string | null; date: string | null; province: string | null };
  sections: string[];
  targets: string[];
  responsibilities: string[];
  budget: number | null;
}

/** What must not move when only the layout of a plan changes. */
export function keyFacts(x: Extraction): KeyFacts {
  return {
    metadata: {
      number: x.metadata.documentNumber.value,
      date: x.metadata.issuedDate.value,
      province: x.metadata.province.value,
    },
    sections: x.sections.map((s) => `${s.numeral}. ${s.title}`),
    targets: x.targets.map(
      (t) =>
        `${t.label ?? '-'} :: ${t.values.map((v) => `${v.comparator}${v.value}${v.unit}@${v.year ?? '-'}`).join(', ')}`,
    ),
    responsibilities: x.responsibilities.map(
      (r) => `${r.agency.canonical ?? r.agency.name} :: ${r.role} :: ${r.targetRefs.join(',')}`,
    ),
    budget: x.budget.total.value?.amount ?? null,
  };
}

export type Piece = { kind: 'paragraphs'; texts: string[] } | { kind: 'raw'; lines: string[] };

/**
 * The normaliser's view of a text plan: runs of body paragraphs (unwrapped exactly as the pipeline unwraps them)
 * and table regions (pipe/tab layouts) kept as their raw lines.
 */
export function normalisedView(text: string): Piece[] {
  const raw = text.split(/\r\n|\r|\n/);
  const units = toUnits(readText(new TextEncoder().encode(text)));
  const regions = units.flatMap((u) => (u.kind === 'lines' ? splitRegions(u.lines) : []));
  const opts = measure(
    units,
    regions.flatMap((r) => (r.type === 'body' ? [r.lines] : [])),
  );
  const pieces: Piece[] = [];
  for (const region of regions) {
    if (region.type === 'body') {
      pieces.push({ kind: 'paragraphs', texts: unwrap(region.lines, opts).map((p) => p.text) });
    } else {
      pieces.push({ kind: 'raw', lines: raw.slice(region.first, region.last + 1) });
    }
  }
  return pieces;
}

/** Greedy word wrap at `width` characters; a word longer than the width stays whole. */
export function wrap(paragraph: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of paragraph.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') out.push(line);
  return out;
}

/** Every body paragraph re-wrapped at `width`, paragraphs blank-separated (or not), tables untouched. */
export function rewrap(text: string, width: number, blanks = true): string {
  const out: string[] = [];
  for (const piece of normalisedView(text)) {
    if (piece.kind === 'raw') {
      // A table's first cell must not run on from the paragraph above it.
      if (!blanks) out.push('');
      out.push(...piece.lines);
      if (!blanks) out.push('');
    } else for (const p of piece.texts) out.push(...wrap(p, width), ...(blanks ? [''] : []));
  }
  return out.join('\n');
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The plan as a web page: one <p> per body paragraph (its lines broken by <br> at `brWidth` when given); each table region becomes a <table> whose rows are the
 * rows the text pipeline rebuilt from it (`tableRows`, in document order).
 */
export function toHtml(text: string, tableRows: readonly string[][][], brWidth?: number): string {
  const out = ['<!DOCTYPE html><html><head><meta charset="utf-8"><title>Kế hoạch</title></head><body>'];
  let t = 0;
  for (const piece of normalisedView(text)) {
    if (piece.kind === 'paragraphs') {
      for (const p of piece.texts) {
        const lines = brWidth ? wrap(p, brWidth) : [p];
        out.push(`<p>${lines.map(escapeHtml).join('<br>\n')}</p>`);
      }
      continue;
    }
    const rows = tableRows[t++] ?? [];
    out.push('<table>');
    for (const r of rows) out.push(`<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`);
    out.push('</table>');
  }
  out.push('</body></html>');
  return out.join('\n');
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const wPara = (text: string) => `<w:p><w:r><w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r></w:p>`;

/** The plan as a Word body: one <w:p> per body paragraph, a <w:tbl> per table (rows as `toHtml` takes them). */
export function toDocxBody(text: string, tableRows: readonly string[][][]): string {
  const out: string[] = [];
  let t = 0;
  for (const piece of normalisedView(text)) {
    if (piece.kind === 'paragraphs') {
      for (const p of piece.texts) out.push(wPara(p));
      continue;
    }
    const rows = tableRows[t++] ?? [];
    out.push(
      `<w:tbl>${rows.map((r) => `<w:tr>${r.map((c) => `<w:tc>${wPara(c)}</w:tc>`).join('')}</w:tr>`).join('')}</w:tbl>`,
    );
  }
  return out.join('');
}
