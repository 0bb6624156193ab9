// What the review workflow needs from the service's storage. The service adapts its repository to this;
// tests and the browser test use the in-memory version below.
import type { Extraction } from '../contract/schema.js';

export interface MachineExtraction {
  /** The latest machine extraction of the document (the contract JSON). */
  extraction: Extraction;
  /** The normalised text every span points into. */
  text: string;
  /** Extractor version that produced it. */
  version: string;
}

export interface DocumentSummary {
  id: string;
  name: string | null;
  province: string | null;
  batch: string | null;
  /** The machine extraction's review.needed when the store knows it: false lets the queue skip loading it. */
  needsReview?: boolean | null;
}

export interface DocumentFilters {
  documentId?: string;
  batch?: string;
  province?: string;
}

export interface ExtractionStore {
  getMachine(documentId: string): Promise<MachineExtraction | null>;
  /** Documents that have a machine extraction; the filters are hints (the queue filters again). */
  listDocuments(filters: DocumentFilters): Promise<DocumentSummary[]>;
}

/** In-memory store for tests and demos. `put` replaces a document's machine extraction (a re-extraction). */
export class MemoryExtractionStore implements ExtractionStore {
  private readonly docs = new Map<string, { summary: DocumentSummary; machine: MachineExtraction }>();

  put(summary: DocumentSummary, machine: MachineExtraction): void {
    this.docs.set(summary.id, {
      summary: { ...summary, needsReview: machine.extraction.review.needed },
      machine: structuredClone(machine),
    });
  }

  async getMachine(documentId: string): Promise<MachineExtraction | null> {
    const d = this.docs.get(documentId);
    return d ? structuredClone(d.machine) : null;
  }

  async listDocuments(filters: DocumentFilters): Promise<DocumentSummary[]> {
    return [...this.docs.values()]
      .map((d) => d.summary)
      .filter((s) => (filters.documentId ? s.id === filters.documentId : true))
      .filter((s) => (filters.batch ? s.batch === filters.batch : true))
      .sort((a, b) => a.id.localeCompare(b.id));
  }
}
