// The search columns of an extraction row (search_text, flags), derived by the writer instead of the database.
// The extractions_derived trigger (0140, 0170) derives them in PL/pgSQL when a writer does not; on the embedded
// database that trigger was the costliest part of storing a result (about half of PGlite's time per document:
// kehoach_fold's translate() scans its 600-letter table for every character, and `$.**.flags` walks the whole
// document). Here the same fold runs over the same table, read from the migration that defines kehoach_fold, so
// stored text and folded queries cannot disagree (test/store/search-columns.test.ts compares both on every fixture).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Extraction } from '../contract/schema.js';
import { migrationsDir } from '../db/migrate.js';

const TRANSLATE =
  /create or replace function kehoach_fold[\s\S]*?translate\(coalesce\(t, ''\),\s*'([^']*)',\s*'([^']*)'\)/;

/** kehoach_fold's translate() table, from the newest migration that defines the function. */
function foldTable(): Map<number, string> {
  const dir = migrationsDir();
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .reverse();
  for (const f of files) {
    const m = TRANSLATE.exec(readFileSync(path.join(dir, f), 'utf8'));
    if (!m) continue;
    const from = [...m[1]!];
    const to = [...m[2]!];
    const table = new Map<number, string>();
    // translate(): the first occurrence of a letter wins; letters past the end of `to` are deleted.
    from.forEach((c, i) => {
      const cp = c.codePointAt(0)!;
      if (!table.has(cp)) table.set(cp, to[i] ?? '');
    });
    return table;
  }
  throw new Error('no migration defines kehoach_fold');
}

let table: Map<number, string> | null = null;

/** kehoach_fold in JavaScript: base letters, lower case, every run of anything but a-z and 0-9 one space, trimmed. */
export function foldSearch(t: string): string {
  table ??= foldTable();
  let out = '';
  for (const ch of t) {
    const mapped = table.get(ch.codePointAt(0)!);
    out += mapped ?? ch;
  }
  // lower() can only make a-z out of A-Z here: every other letter it changes stays outside a-z (the Kelvin sign
  // aside, which PostgreSQL's C.UTF-8 lower() leaves as it is), and the next step turns those into spaces.
  return out
    .replace(/[A-Z]+/g, (s) => s.toLowerCase())
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/^ +| +$/g, '');
}

/** Every value under a key named `flags`, anywhere in the document (what `lax $.**.flags[*]` selects). */
function collectFlags(v: unknown, out: string[]): void {
  if (Array.isArray(v)) {
    for (const x of v) collectFlags(x, out);
    return;
  }
  if (v === null || typeof v !== 'object') return;
  for (const [k, x] of Object.entries(v)) {
    if (k === 'flags') {
      for (const f of Array.isArray(x) ? x : [x]) {
        if (typeof f === 'string') out.push(f);
        else if (f !== null) out.push(JSON.stringify(f));
      }
    }
    collectFlags(x, out);
  }
}

export interface SearchColumns {
  /** ' ' + folded text + ' ' (a phrase then matches whole syllables). */
  searchText: string;
  /** Flag codes found in the document, unsorted and repeated; the trigger sorts and de-duplicates them. */
  flags: string[];
}

export function searchColumns(x: Extraction): SearchColumns {
  const parts: (string | null | undefined)[] = [
    x.metadata.title.value,
    x.metadata.documentNumber.value,
    x.metadata.issuer.value,
    x.metadata.province.value,
    x.document.fileName,
  ];
  for (const i of x.metadata.issuers ?? []) parts.push(i.name);
  for (const r of x.responsibilities) {
    parts.push(r.agency.name, r.agency.canonical);
    for (const m of r.agency.members ?? []) parts.push(m);
  }
  for (const t of x.targets) parts.push(t.text);
  const folded = foldSearch(parts.filter((p): p is string => typeof p === 'string').join(' '));
  const flags: string[] = [];
  collectFlags(x, flags);
  return { searchText: ` ${folded} `, flags };
}
