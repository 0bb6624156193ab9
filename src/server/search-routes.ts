// Search: accent- and case-insensitive words over title, number, issuer, agencies, target text and file name,
// with the list filters (province, year, issuer kind, status, flag, needs review, batch), sorted by issue date.
import { type SearchFilter, type SearchHit, searchDocuments } from '../store/search.js';
import { SearchQuerySchema, SearchResultSchema } from './batch-schemas.js';
import { decodeKeyCursor, encodeKeyCursor } from './cursor.js';
import { type RouteDef, route } from './route.js';
import { documentLinks } from './uploads.js';

type SearchQuery = ReturnType<typeof SearchQuerySchema.parse>;

/** The store filter for the query parameters shared by search and exports. */
export function searchFilter(q: Omit<SearchQuery, 'sort' | 'limit' | 'cursor'>): Omit<SearchFilter, 'limit' | 'order'> {
  return {
    q: q.q,
    province: q.province,
    year: q.year,
    issuerKind: q.issuerKind,
    status: q.status,
    flag: q.flag,
    needsReview: q.needsReview,
    batchId: q.batch,
  };
}

const hitView = ({ seq: _seq, sortKey: _key, ...h }: SearchHit) => ({ ...h, links: documentLinks(h.id) });

export const SEARCH_ROUTES: RouteDef[] = [
  route({
    method: 'get',
    path: '/v1/search',
    operationId: 'searchDocuments',
    summary: 'Find plans by words (accents and case ignored) and filters, sorted by issue date',
    description:
      '`q` matches whole syllables in order, accents, đ/Đ and case ignored: "ma tuy", "MA TUY" and "ma túy" ' +
      'find the same plans. It looks in the title, number, issuer(s), province, agencies, target text and file ' +
      'name of the newest extraction (and the file name of a document not read yet). GET /v1/documents?q= uses ' +
      'the same matching.',
    tag: 'documents',
    permission: 'documents:read',
    query: SearchQuerySchema,
    responses: { 200: { description: 'A page of results', schema: SearchResultSchema } },
    problems: [400],
    handler: async (ctx, _req, res, { query: q }) => {
      const limit = Math.min(q.limit ?? 50, ctx.config.pageLimitMax);
      const after = q.cursor === undefined ? undefined : decodeKeyCursor(q.cursor);
      const hits = await searchDocuments(ctx.sql, {
        ...searchFilter(q),
        order: q.sort === 'date' ? 'oldest' : 'newest',
        limit: limit + 1,
        after: after ? { date: after.key, seq: after.seq } : undefined,
      });
      const page = hits.slice(0, limit);
      const last = page[page.length - 1];
      res.json({
        items: page.map(hitView),
        nextCursor: hits.length > limit && last ? encodeKeyCursor(last.sortKey, last.seq) : null,
      });
    },
  }),
];
