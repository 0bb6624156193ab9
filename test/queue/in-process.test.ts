import { describe, expect, it } from 'vitest';
import { InProcessQueue } from '../../src/queue/in-process.js';
import type { JobRef } from '../../src/queue/types.js';

class Permanent extends Error {}

function queue(
  handle: (ref: JobRef) => Promise<void>,
  overrides: Partial<ConstructorParameters<typeof InProcessQueue>[0]> = {},
) {
  const exhausted: string[] = [];
  const q = new InProcessQueue({
    concurrency: 2,
    attempts: 3,
    backoffMs: 1,
    handle,
    isPermanent: (err) => err instanceof Permanent,
    onExhausted: async (ref) => {
      exhausted.push(ref.documentId);
    },
    ...overrides,
  });
  return { q, exhausted };
}

const refs = (n: number): JobRef[] => Array.from({ length: n }, (_, i) => ({ documentId: `d${i}`, generation: 1 }));
const idle = async (q: InProcessQueue) => {
  for (;;) {
    const c = await q.counts();
    if (c['waiting'] === 0 && c['active'] === 0) return c;
    await new Promise((r) => setTimeout(r, 2));
  }
};

describe('InProcessQueue', () => {
  it('never runs more jobs at once than its concurrency', async () => {
    let running = 0;
    let peak = 0;
    const { q } = queue(async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
    });
    await q.enqueue(refs(10));
    const c = await idle(q);
    expect(peak).toBe(2);
    expect(c['completed']).toBe(10);
  });

  it('ignores a job that is already waiting or running', async () => {
    const seen: string[] = [];
    const { q } = queue(async (ref) => {
      seen.push(ref.documentId);
      await new Promise((r) => setTimeout(r, 5));
    });
    await q.enqueue(refs(3));
    await q.enqueue(refs(3));
    expect((await q.ensure(refs(3))).requeued).toBe(0);
    await idle(q);
    expect(seen.sort()).toEqual(['d0', 'd1', 'd2']);
    // Once finished, the same ref may run again (a reprocess with the same generation never happens, but a
    // sweep after a lost write must be able to re-run it).
    expect((await q.ensure(refs(1))).requeued).toBe(1);
  });

  it('retries transient errors with backoff, then reports exhaustion', async () => {
    let calls = 0;
    const { q, exhausted } = queue(async () => {
      calls++;
      throw new Error('database down');
    });
    await q.enqueue(refs(1));
    await idle(q);
    expect(calls).toBe(3);
    expect(exhausted).toEqual(['d0']);
  });

  it('does not retry a permanent failure (unreadable document)', async () => {
    let calls = 0;
    const { q, exhausted } = queue(async () => {
      calls++;
      throw new Permanent('unreadable');
    });
    await q.enqueue(refs(1));
    const c = await idle(q);
    expect(calls).toBe(1);
    expect(exhausted).toEqual([]);
    expect(c['failed']).toBe(1);
  });

  it('stop() lets running jobs finish and drops waiting ones', async () => {
    const finished: string[] = [];
    const { q } = queue(async (ref) => {
      await new Promise((r) => setTimeout(r, 20));
      finished.push(ref.documentId);
    });
    await q.enqueue(refs(6));
    await new Promise((r) => setTimeout(r, 5));
    await q.stop();
    expect(finished.sort()).toEqual(['d0', 'd1']);
    await q.enqueue(refs(1));
    expect((await q.counts())['waiting']).toBe(0);
  });
});
