// The thread that owns the embedded database (see openPgliteThread in pglite.ts). PGlite is a single-threaded
// WebAssembly Postgres: on the API's thread every statement (planning, TOAST compression, the JS side of the
// wire protocol) stalled requests behind it. Here it runs beside the API thread; the API sends statements.

import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { byteaCodecs } from './pglite-codecs.js';
import type { FromDbThread, SerialisedDbError, ToDbThread } from './pglite-messages.js';

function serialise(err: unknown): SerialisedDbError {
  if (!(err instanceof Error)) return { message: String(err) };
  const e = err as Error & Record<string, unknown>;
  const out: SerialisedDbError = { message: e.message, name: e.name };
  // The fields callers test (code: unique violation, deadlock…) and the ones that help a reader of the logs.
  for (const k of ['code', 'detail', 'constraint', 'table', 'column', 'schema', 'severity', 'hint'] as const) {
    if (typeof e[k] === 'string') out[k] = e[k];
  }
  return out;
}

if (parentPort) {
  const port = parentPort;
  const { dataDir } = workerData as { dataDir?: string };
  const db = new PGlite({ ...(dataDir ? { dataDir } : {}), ...byteaCodecs });
  const open = new Map<number, { tx: Transaction; commit: () => void; rollback: (e: Error) => void }>();
  const ended = new Map<number, Promise<void>>();
  const send = (msg: FromDbThread) => port.postMessage(msg);
  const handle = async (m: ToDbThread): Promise<unknown> => {
    switch (m.op) {
      case 'ready':
        await db.waitReady;
        return null;
      case 'query': {
        const target = m.tx === undefined ? db : open.get(m.tx)?.tx;
        if (!target) throw new Error(`transaction ${m.tx} is not open`);
        const res = await target.query(m.text, m.params);
        return { rows: res.rows, rowCount: res.affectedRows ?? res.rows.length };
      }
      case 'exec': {
        const target = m.tx === undefined ? db : open.get(m.tx)?.tx;
        if (!target) throw new Error(`transaction ${m.tx} is not open`);
        await target.exec(m.text);
        return null;
      }
      case 'begin': {
        const tx = m.tx;
        // PGlite runs the callback while it holds the database; the transaction stays open until the API
        // thread sends commit or rollback.
        const started = new Promise<void>((resolveStarted, rejectStarted) => {
          const done = db.transaction(
            (t) =>
              new Promise<void>((commit, rollback) => {
                open.set(tx, { tx: t, commit, rollback });
                resolveStarted();
              }),
          );
          ended.set(
            tx,
            done.finally(() => {
              open.delete(tx);
              ended.delete(tx);
            }),
          );
          done.catch(rejectStarted);
        });
        await started;
        return null;
      }
      case 'commit':
      case 'rollback': {
        const t = open.get(m.tx);
        const end = ended.get(m.tx);
        if (!t || !end) throw new Error(`transaction ${m.tx} is not open`);
        if (m.op === 'commit') t.commit();
        else t.rollback(new Error('rolled back'));
        await end.catch((err: unknown) => {
          if (m.op === 'commit') throw err;
        });
        return null;
      }
      case 'close':
        await db.close();
        return null;
    }
  };
  port.on('message', (m: ToDbThread) => {
    handle(m).then(
      (result) => send({ id: m.id, ok: true, result }),
      (err: unknown) => send({ id: m.id, ok: false, error: serialise(err) }),
    );
  });
}
