// Machine extractions put into the test database the way the service stores them (Store.saveResult), so the
// review tables are derived by the same code path as in production. `put` again is a re-extraction.
import { createHash } from 'node:crypto';
import type { Sql } from '../../src/db/types.js';
import type { MachineExtraction } from '../../src/review/index.js';
import { ReviewStore } from '../../src/store/review.js';
import { Store } from '../../src/store/store.js';

export interface DocumentSeed {
  id: string;
  /** The file name the document was uploaded as. */
  name: string | null;
  /** The province the machine extraction states (written into it). */
  province: string | null;
  /** A batch the document was uploaded into (created on first use). */
  batch: string | null;
}

export class StoredExtractions {
  readonly store: Store;
  readonly repo: ReviewStore;

  constructor(readonly sql: Sql) {
    this.store = new Store(sql);
    this.repo = new ReviewStore(sql);
  }

  /** The review workflow's dependencies over this database. */
  get deps() {
    return { repo: this.repo };
  }

  async put(seed: DocumentSeed, machine: MachineExtraction): Promise<void> {
    const extraction = structuredClone(machine.extraction);
    if (seed.province !== null) extraction.metadata.province.value = seed.province;
    const sha = createHash('sha256').update(seed.id).digest('hex');
    const { rows } = await this.sql.query<{ generation: number }>(
      `insert into documents (id, sha256, file_name, content_type, format, size, bytes, status)
       values ($1, $2, $3, 'text/plain', 'text', $4, $5, 'processing')
       on conflict (id) do update set status = 'processing', generation = documents.generation + 1,
         file_name = excluded.file_name
       returning generation`,
      [seed.id, sha, seed.name, machine.text.length, new TextEncoder().encode(machine.text)],
    );
    if (seed.batch !== null) {
      await this.sql.query('insert into batches (id, name) values ($1, $1) on conflict do nothing', [seed.batch]);
      await this.sql.query(
        'insert into batch_documents (batch_id, document_id, file_name) values ($1, $2, $3) on conflict do nothing',
        [seed.batch, seed.id, seed.name],
      );
    }
    const ref = { documentId: seed.id, generation: rows[0]!.generation };
    if (!(await this.store.saveResult(ref, machine.version, extraction, machine.text))) {
      throw new Error(`could not store the extraction of ${seed.id}`);
    }
  }

  async getMachine(id: string): Promise<MachineExtraction | null> {
    return this.store.getExtraction(id);
  }
}
