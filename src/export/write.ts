// Writers for the export rows: CSV (UTF-8 with a BOM so Excel reads Vietnamese right; csv-stringify quotes per
// RFC 4180), XLSX (exceljs: one sheet per kind, frozen header, column widths, numbers as numbers, years without
// grouping) and NDJSON (one JSON object per row, with its kind). Sources are read once, as they arrive.
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import { COLUMNS, type ExportKind, type ExportSource, rowsOf } from './rows.js';

export type ExportFormat = 'csv' | 'xlsx' | 'ndjson';

const SHEET_NAMES: Record<ExportKind, string> = {
  targets: 'Chỉ tiêu',
  responsibilities: 'Phân công',
  budgets: 'Kinh phí',
  cells: 'Ô bảng kinh phí',
};

async function write(out: Writable, chunk: string | Buffer): Promise<void> {
  if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
}

/** One kind as CSV. Headers are the Vietnamese labels; numbers are written with a '.' decimal point. */
export async function writeCsv(kind: ExportKind, sources: AsyncIterable<ExportSource>, out: Writable): Promise<number> {
  const columns = COLUMNS[kind];
  const csv = stringify({ header: true, bom: true, columns: columns.map((c) => ({ key: c.key, header: c.label })) });
  const piped = new Promise<void>((resolve, reject) => {
    csv.on('data', (chunk: Buffer) => {
      if (!out.write(chunk)) {
        csv.pause();
        out.once('drain', () => csv.resume());
      }
    });
    csv.on('end', resolve);
    csv.on('error', reject);
  });
  let n = 0;
  for await (const src of sources) {
    for (const row of rowsOf(kind, src)) {
      n++;
      if (!csv.write(row)) await new Promise<void>((r) => csv.once('drain', () => r()));
    }
  }
  csv.end();
  await piped;
  return n;
}

export async function writeNdjson(
  kinds: readonly ExportKind[],
  sources: AsyncIterable<ExportSource>,
  out: Writable,
): Promise<number> {
  let n = 0;
  for await (const src of sources) {
    for (const kind of kinds) {
      for (const row of rowsOf(kind, src)) {
        n++;
        await write(out, `${JSON.stringify({ kind, ...row })}\n`);
      }
    }
  }
  return n;
}

export async function writeXlsx(
  kinds: readonly ExportKind[],
  sources: AsyncIterable<ExportSource>,
  out: Writable,
): Promise<number> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  book.creator = 'kehoach';
  const sheets = new Map(
    kinds.map((kind) => {
      const sheet = book.addWorksheet(SHEET_NAMES[kind], { views: [{ state: 'frozen', ySplit: 1 }] });
      sheet.columns = COLUMNS[kind].map((c) => ({
        key: c.key,
        header: c.label,
        width: c.width,
        style: c.type === 'integer' ? { numFmt: '0' } : c.type === 'number' ? { numFmt: 'General' } : {},
      }));
      sheet.getRow(1).font = { bold: true };
      sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS[kind].length } };
      return [kind, sheet] as const;
    }),
  );
  let n = 0;
  for await (const src of sources) {
    for (const [kind, sheet] of sheets) {
      for (const row of rowsOf(kind, src)) {
        n++;
        sheet.addRow(row as Record<string, unknown>).commit();
      }
    }
  }
  for (const sheet of sheets.values()) sheet.commit();
  await book.commit();
  return n;
}
