// What the API thread and the database thread (pglite-thread.ts) exchange. Plain data: it crosses a thread.
export type ToDbThread =
  | { id: number; op: 'ready' | 'close' }
  | { id: number; op: 'query'; tx?: number; text: string; params?: unknown[] }
  | { id: number; op: 'exec'; tx?: number; text: string }
  | { id: number; op: 'begin' | 'commit' | 'rollback'; tx: number };

export interface SerialisedDbError {
  message: string;
  name?: string;
  code?: string;
  detail?: string;
  constraint?: string;
  table?: string;
  column?: string;
  schema?: string;
  severity?: string;
  hint?: string;
}

export type FromDbThread =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: SerialisedDbError };
