// Adapts the service's document store (src/service/store.ts) to the ExtractionStore the review workflow
// needs. Typed structurally so the review code does not depend on the service's internals.
import type { DocumentSummary, ExtractionStore, MachineExtraction } from './store.js';

export interface ServiceStoreLike {
  getExtraction(id: string): Promise<MachineExtraction | null>;
  listDocuments(filter: {
    batchId?: string | undefined;
    limit: number;
    beforeSeq?: number | undefined;
  }): Promise<
    Array<{ id: string; seq: number; fileName: string | null; province: string | null; needsReview: boolean | null }>
  >;
  documentBatches(id: string): Promise<string[]>;
}

const PAGE = 500;

export function extractionStoreFrom(store: ServiceStoreLike): ExtractionStore {
  return {
    getMachine: (id) => store.getExtraction(id),
    async listDocuments(filters) {
      const out: DocumentSummary[] = [];
      let beforeSeq: number | undefined;
      for (;;) {
        const page = await store.listDocuments({ batchId: filters.batch, limit: PAGE, beforeSeq });
        for (const d of page) {
          if (filters.documentId && d.id !== filters.documentId) continue;
          const batches = filters.batch ? [filters.batch] : await store.documentBatches(d.id);
          out.push({
            id: d.id,
            name: d.fileName,
            province: d.province,
            batch: batches[0] ?? null,
            needsReview: d.needsReview,
          });
        }
        if (page.length < PAGE || (filters.documentId && out.length > 0)) break;
        beforeSeq = page[page.length - 1]?.seq;
      }
      return out;
    },
  };
}
