// Exports over the API: targets, responsibilities, budgets and budget-table cells of the effective
// (reviewer-corrected) extractions of chosen documents, a batch or any list filter, as CSV (UTF-8 with BOM),
// XLSX (one sheet per kind) or NDJSON — the same rows and writers as `kehoach export` (src/export).
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { EXPORT_KINDS, type ExportKind, type ExportSource } from '../export/rows.js';
import { writeCsv, writeNdjson, writeXlsx } from '../export/write.js';
import { searchDocuments } from '../store/search.js';
import { ExportKindParam, ExportQuerySchema } from './batch-schemas.js';
import type { RouteContext } from './context.js';
import { HttpProblem } from './problem.js';
import { param, type RouteDef, route } from './route.js';
import { searchFilter } from './search-routes.js';
import { streamed } from './stream.js';

type ExportQuery = ReturnType<typeof ExportQuerySchema.parse>;

const PAGE = 200;

/** The done documents the query names, oldest first, each with its effective extraction, read as they go. */
async function* sources(ctx: RouteContext, q: ExportQuery): AsyncGenerator<ExportSource> {
  let after: { date: string; seq: number } | undefined;
  for (;;) {
    const hits = await searchDocuments(ctx.sql, {
      ...searchFilter({ ...q, status: 'done' }),
      documentIds: q.document,
      order: 'oldest',
      limit: PAGE,
      after,
    });
    for (const h of hits) {
      const extraction = await ctx.effective(h.id);
      if (extraction) yield { documentId: h.id, extraction };
    }
    const last = hits[hits.length - 1];
    if (!last || hits.length < PAGE) return;
    after = { date: last.sortKey, seq: last.seq };
  }
}

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ndjson: 'application/x-ndjson; charset=utf-8',
} as const;

export const EXPORT_ROUTES: RouteDef[] = [
  route({
    method: 'get',
    path: '/v1/exports/:kind',
    operationId: 'exportRows',
    summary: 'Targets, responsibilities, budgets or budget-table cells (or all) as CSV, XLSX or NDJSON',
    description:
      '`kind` is one of targets, responsibilities, budgets, cells (budget-table cells) or all (XLSX: one ' +
      'sheet per kind; NDJSON: every row with its `kind`; not CSV). Rows come from the effective extraction ' +
      "(reviewers' corrections applied) of every done document the filters select — `document` (repeatable), " +
      '`batch`, or the search filters — oldest issue date first. CSV is UTF-8 with a BOM and Vietnamese ' +
      'headers, so Excel opens it right; numbers are written with a "." decimal point. The answer streams.',
    tag: 'exports',
    permission: 'documents:read',
    query: ExportQuerySchema,
    responses: {
      200: {
        description: 'The rows (text/csv; XLSX and NDJSON with ?format=)',
        contentType: CONTENT_TYPES.csv,
        headers: { 'Content-Disposition': 'attachment; filename="kehoach-<kind>-<date>.<format>"' },
      },
    },
    problems: [400],
    handler: async (ctx, req, res, { query: q }) => {
      const parsed = ExportKindParam.safeParse(param(req, 'kind'));
      if (!parsed.success) {
        throw new HttpProblem(
          'not-found',
          `No export "${param(req, 'kind')}"; use one of ${[...EXPORT_KINDS, 'all'].join(', ')}.`,
        );
      }
      const kind = parsed.data;
      const format = q.format ?? 'csv';
      if (format === 'csv' && kind === 'all') {
        throw new HttpProblem(
          'invalid-query',
          'Invalid query: a CSV holds one kind; ask for targets, responsibilities, budgets or cells, or use ' +
            'format=xlsx or format=ndjson for all of them.',
        );
      }
      const kinds: ExportKind[] = kind === 'all' ? [...EXPORT_KINDS] : [kind];
      const stamp = new Date().toISOString().slice(0, 10);
      res
        .status(200)
        .type(CONTENT_TYPES[format])
        .set('Content-Disposition', `attachment; filename="kehoach-${kind}-${stamp}.${format}"`)
        .set('X-Content-Type-Options', 'nosniff');
      await streamed(res, ctx.logger, async () => {
        const rows = sources(ctx, q);
        if (format === 'xlsx') {
          // exceljs writes into a stream of its own; piping it keeps the response's backpressure.
          const out = new PassThrough();
          await Promise.all([
            writeXlsx(kinds, rows, out).then(() => {
              if (!out.writableEnded) out.end();
            }),
            pipeline(out, res),
          ]);
          return;
        }
        if (format === 'csv') await writeCsv(kinds[0]!, rows, res);
        else await writeNdjson(kinds, rows, res);
        res.end();
      });
    },
  }),
];
