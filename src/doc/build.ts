// Builds a Doc line by line so that offsets, line numbers and table cell spans are computed in one place.
import type { Diagnostic, DocumentFormat, Span } from '../contract/schema.js';
import type { Doc, DocCell, DocTable, Geo, Line, TableBlock } from './types.js';

export const CELL_SEPARATOR = ' | ';

export interface DocHeader {
  format: DocumentFormat;
  sha256: string;
  fileName: string | null;
  pages: number | null;
}

export class DocBuilder {
  private readonly parts: string[] = [];
  private offset = 0;
  readonly lines: Line[] = [];
  readonly tables: DocTable[] = [];
  readonly messages: Diagnostic[] = [];

  constructor(private readonly header: DocHeader) {}

  private push(text: string, kind: Line['kind'], extra: Partial<Line>): Line {
    if (this.lines.length > 0) {
      this.parts.push('\n');
      this.offset += 1;
    }
    const line: Line = {
      number: this.lines.length + 1,
      text,
      start: this.offset,
      end: this.offset + text.length,
      kind,
      wrapped: false,
      ...extra,
    };
    this.parts.push(text);
    this.offset += text.length;
    this.lines.push(line);
    return line;
  }

  /** Appends one normalised text line (a whole unwrapped paragraph). */
  addText(text: string, opts: { wrapped?: boolean; page?: number; geo?: Geo } = {}): Line {
    const clean = text.replace(/[\r\n]+/g, ' ');
    return this.push(clean, clean.trim() === '' ? 'blank' : 'text', {
      wrapped: opts.wrapped ?? false,
      ...(opts.page !== undefined ? { page: opts.page } : {}),
      ...(opts.geo !== undefined ? { geo: opts.geo } : {}),
    });
  }

  /** Appends a table, one line per row with cells joined by " | ". Cell texts must already be single-line. */
  addTable(
    rows: string[][],
    opts: {
      origin: TableBlock['origin'];
      layout: boolean;
      headerRows: number;
      columns?: string[] | null;
      flags?: string[];
      page?: number;
    },
  ): DocTable {
    const index = this.tables.length;
    const docRows: DocTable['rows'] = [];
    for (const [r, row] of rows.entries()) {
      const cellTexts = row.map((c) => c.replace(/[\r\n]+/g, ' '));
      const lineText = cellTexts.join(CELL_SEPARATOR);
      const line = this.push(lineText, 'table-row', {
        table: index,
        row: r,
        ...(opts.page !== undefined ? { page: opts.page } : {}),
      });
      let col = line.start;
      const cells: DocCell[] = cellTexts.map((t) => {
        const cell = { text: t, span: { start: col, end: col + t.length, line: line.number } };
        col += t.length + CELL_SEPARATOR.length;
        return cell;
      });
      docRows.push({ cells, span: { start: line.start, end: line.end, line: line.number }, line: line.number });
    }
    const first = docRows[0];
    const last = docRows[docRows.length - 1];
    const start = first ? first.span.start : this.offset;
    const table: DocTable = {
      index,
      origin: opts.origin,
      layout: opts.layout,
      headerRows: opts.headerRows,
      columns: opts.columns ?? null,
      rows: docRows,
      firstLine: first ? first.line : this.lines.length,
      lastLine: last ? last.line : this.lines.length,
      span: { start, end: last ? last.span.end : start, line: first ? first.line : Math.max(1, this.lines.length) },
      flags: opts.flags ?? [],
      ...(opts.page !== undefined ? { page: opts.page } : {}),
    };
    this.tables.push(table);
    return table;
  }

  build(messages: Diagnostic[] = []): Doc {
    return {
      ...this.header,
      text: this.parts.join(''),
      lines: this.lines,
      tables: this.tables,
      messages: [...messages, ...this.messages],
    };
  }
}

/** Span of a line, or of [from, to) columns within it. */
export function lineSpan(line: Line, from = 0, to = line.text.length): Span {
  return { start: line.start + from, end: line.start + to, line: line.number };
}

/** Span covering lines[first..last] (0-based, inclusive). */
export function linesSpan(lines: readonly Line[], first: number, last: number): Span {
  const a = lines[first];
  const b = lines[last] ?? a;
  if (!a || !b) return { start: 0, end: 0, line: 1 };
  return { start: a.start, end: b.end, line: a.number };
}
