// The review queue: every value of every stored extraction that still needs a person, with the source text
// around it, lowest confidence first; and the review pages' document list with how much is left per document.
// Both read review_items, which the store keeps current with every result and every correction: one query each.
import { foldProvince } from './derive.js';
import type { DocumentReviewSummary, QueueFilters, QueueItem } from './repository.js';
import type { ReviewDeps } from './service.js';

export { excerptAround } from './derive.js';
export type { DocumentReviewSummary, QueueFilters, QueueItem } from './repository.js';

function resolved(filters: QueueFilters) {
  return {
    documentId: filters.documentId || undefined,
    batch: filters.batch || undefined,
    flag: filters.flag || undefined,
    provinceKey: filters.province ? foldProvince(filters.province) : undefined,
  };
}

export function listReviewQueue(
  deps: ReviewDeps,
  filters: QueueFilters = {},
): Promise<{ items: QueueItem[]; total: number }> {
  return deps.repo.queue({
    ...resolved(filters),
    offset: Math.max(0, filters.offset ?? 0),
    limit: Math.min(1000, Math.max(1, filters.limit ?? 100)),
  });
}

/** One line per document with how much is left to review (the review page's document list), newest first. */
export function listReviewDocuments(deps: ReviewDeps, filters: QueueFilters = {}): Promise<DocumentReviewSummary[]> {
  return deps.repo.documents(resolved(filters));
}
