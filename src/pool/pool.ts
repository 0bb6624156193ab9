// The parse pool: warm worker threads, one task each at a time, every one of them kill-able. A task gets a
// wall-clock budget that grows with its size and runs under a heap cap; past either, its worker is terminated
// (a fresh one replaces it on demand) and the task fails with a typed, non-retried UnreadableDocumentError
// naming the limit. The caller's thread never parses, so an API answering on it keeps answering.
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { UnreadableDocumentError, type UnreadableReason } from '../errors.js';
import type {
  EncodedResult,
  EncodeOptions,
  FromWorker,
  ParseProgress,
  ParseResult,
  ParseTask,
  SerialisedError,
  ToWorker,
} from './messages.js';
import { spawnModuleWorker } from './spawn.js';

export interface PoolOptions {
  /** Worker threads; default: every core (os.availableParallelism()). */
  size?: number;
  /** Heap cap of each worker (V8 old generation), in MB. */
  heapMb?: number;
  /** Wall-clock budget of a task: base + per MB of input. */
  timeoutBaseMs?: number;
  timeoutPerMbMs?: number;
}

export const POOL_DEFAULTS = {
  heapMb: 1024,
  timeoutBaseMs: 60_000,
  timeoutPerMbMs: 30_000,
} as const;

export interface RunOptions {
  onProgress?: (p: ParseProgress) => void;
  /** Aborting terminates the worker running the task (or drops it from the queue). */
  signal?: AbortSignal;
  /** Hand the input's memory to the worker instead of copying it (the caller must not use `bytes` after). */
  transfer?: boolean;
}

/**
 * A worker died without answering (crash, uncaught error, terminated from outside). Not the document's proven
 * fault, so runners retry it; the attempts recorded in the database turn a repeat offender into `poison`.
 */
export class WorkerCrashError extends Error {
  override readonly name = 'WorkerCrashError';
}

/**
 * A worker did not finish loading within WORKER_START_MS (a machine starved of CPU or memory). Not the document's
 * doing: the task is released and retried, never counted or failed as a `timeout`.
 */
export class WorkerStartError extends Error {
  override readonly name = 'WorkerStartError';
}

/** The pool was closed before the task ran. */
export class PoolClosedError extends Error {
  override readonly name = 'PoolClosedError';
}

interface Pending {
  id: number;
  task: ParseTask;
  opts: RunOptions;
  /** Reply with the JSON's bytes and a summary instead of the extraction (runEncoded). */
  encode?: EncodeOptions;
  resolve: (r: ParseResult | EncodedResult) => void;
  reject: (e: unknown) => void;
}

interface Slot {
  worker: Worker;
  /** The running task; its budget timer starts once the worker is ready (loading is not the document's time). */
  current: (Pending & { timer: NodeJS.Timeout | null; budgetMs: number; startedAt: number }) | null;
  /** The worker has loaded the pipeline (its `ready` message). */
  ready: boolean;
  /** Set once the slot is being torn down: its late events are ignored. */
  dead: boolean;
}

const MB = 1024 * 1024;
/** A worker that has not loaded after this long is replaced (a safety net, not a budget). */
const WORKER_START_MS = 5 * 60_000;

function revive(e: SerialisedError): Error {
  if (e.name === 'UnreadableDocumentError' && e.reason) {
    return new UnreadableDocumentError(e.reason as UnreadableReason, e.message);
  }
  const err = new Error(e.message);
  err.name = e.name;
  if (e.stack) err.stack = e.stack;
  return err;
}

export class ParsePool {
  readonly size: number;
  readonly heapMb: number;
  readonly timeoutBaseMs: number;
  readonly timeoutPerMbMs: number;
  private readonly slots = new Set<Slot>();
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  /** `workerUrl`: the worker module (the compiled name; tests pass a wrapper of src/pool/worker). */
  constructor(
    opts: PoolOptions = {},
    private readonly workerUrl = new URL('./worker.js', import.meta.url),
  ) {
    this.size = Math.max(1, opts.size ?? availableParallelism());
    this.heapMb = opts.heapMb ?? POOL_DEFAULTS.heapMb;
    this.timeoutBaseMs = opts.timeoutBaseMs ?? POOL_DEFAULTS.timeoutBaseMs;
    this.timeoutPerMbMs = opts.timeoutPerMbMs ?? POOL_DEFAULTS.timeoutPerMbMs;
  }

  /** The wall-clock budget of a task of this many bytes. */
  budgetMs(bytes: number): number {
    return Math.round(this.timeoutBaseMs + (this.timeoutPerMbMs * bytes) / MB);
  }

  /** Tasks waiting for a worker and tasks running. */
  stats(): { queued: number; running: number; workers: number } {
    let running = 0;
    for (const s of this.slots) if (s.current) running++;
    return { queued: this.queue.length, running, workers: this.slots.size };
  }

  run(task: ParseTask, opts: RunOptions = {}): Promise<ParseResult> {
    return this.submit(task, opts) as Promise<ParseResult>;
  }

  /** Like run, for callers that only write the JSON out: the worker replies with its bytes (EncodedResult). */
  runEncoded(task: ParseTask, opts: RunOptions & EncodeOptions): Promise<EncodedResult> {
    return this.submit(task, opts, { pretty: opts.pretty }) as Promise<EncodedResult>;
  }

  private submit(task: ParseTask, opts: RunOptions, encode?: EncodeOptions): Promise<ParseResult | EncodedResult> {
    if (this.closed) return Promise.reject(new PoolClosedError('the parse pool is closed'));
    return new Promise<ParseResult | EncodedResult>((resolve, reject) => {
      const pending: Pending = { id: this.nextId++, task, opts, resolve, reject, ...(encode ? { encode } : {}) };
      if (opts.signal?.aborted) {
        reject(opts.signal.reason ?? new Error('aborted'));
        return;
      }
      opts.signal?.addEventListener('abort', () => this.abort(pending), { once: true });
      this.queue.push(pending);
      this.pump();
    });
  }

  /** Terminates every worker; queued tasks fail with PoolClosedError, running ones with WorkerCrashError. */
  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new PoolClosedError('the parse pool was closed'));
    const exits: Promise<unknown>[] = [];
    for (const slot of [...this.slots]) {
      const running = slot.current;
      if (running) this.finish(slot, () => running.reject(new WorkerCrashError('the parse pool was closed')));
      exits.push(this.kill(slot));
    }
    await Promise.all(exits);
  }

  private pump(): void {
    if (this.closed) return;
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (!slot.current && !slot.dead) this.dispatch(slot, this.queue.shift()!);
    }
    // Workers are started on demand, so a one-file CLI run starts one thread, not one per core.
    while (this.queue.length > 0 && this.slots.size < this.size) this.spawn();
  }

  private spawn(): void {
    const worker = spawnModuleWorker(this.workerUrl, {
      resourceLimits: { maxOldGenerationSizeMb: this.heapMb },
    });
    const slot: Slot = { worker, current: null, ready: false, dead: false };
    this.slots.add(slot);
    worker.unref();
    const starting = setTimeout(() => {
      if (slot.ready || slot.dead) return;
      const running = slot.current;
      this.retire(slot);
      running?.reject(new WorkerStartError(`the parse worker did not start within ${WORKER_START_MS / 1000} s`));
      this.pump();
    }, WORKER_START_MS);
    starting.unref();
    worker.once('exit', () => clearTimeout(starting));
    worker.on('message', (msg: FromWorker) => this.onMessage(slot, msg));
    worker.on('error', (err: Error & { code?: string }) => {
      if (slot.dead) return;
      const running = slot.current;
      const error =
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new UnreadableDocumentError(
              'resource-limit',
              `Parsing needed more than the ${this.heapMb} MB heap limit of a parse worker (KEHOACH_WORKER_HEAP_MB).`,
              { cause: err },
            )
          : new WorkerCrashError(`the parse worker failed: ${err.message}`, { cause: err });
      this.retire(slot);
      if (running) running.reject(error);
      this.pump();
    });
    worker.on('exit', (code) => {
      if (slot.dead) return;
      const running = slot.current;
      this.retire(slot);
      running?.reject(new WorkerCrashError(`the parse worker exited (code ${code}) without a result`));
      this.pump();
    });
    this.dispatch(slot, this.queue.shift());
  }

  private dispatch(slot: Slot, pending: Pending | undefined): void {
    if (!pending) return;
    const budgetMs = this.budgetMs(pending.task.bytes.byteLength);
    slot.current = { ...pending, timer: null, budgetMs, startedAt: 0 };
    if (slot.ready) this.startBudget(slot);
    slot.worker.ref();
    const { bytes } = pending.task;
    // Only a buffer that owns its whole ArrayBuffer can be handed over; a slice of Node's shared slab is copied.
    const transferable =
      pending.opts.transfer &&
      bytes.buffer instanceof ArrayBuffer &&
      bytes.byteOffset === 0 &&
      bytes.byteLength === bytes.buffer.byteLength;
    const msg: ToWorker = {
      type: 'task',
      id: pending.id,
      task: pending.task,
      ...(pending.encode ? { encode: pending.encode } : {}),
    };
    slot.worker.postMessage(msg, transferable ? [bytes.buffer as ArrayBuffer] : []);
  }

  /** Starts the running task's wall-clock budget (at dispatch to a ready worker, or when its worker is ready). */
  private startBudget(slot: Slot): void {
    const running = slot.current;
    if (!running || running.timer) return;
    running.startedAt = Date.now();
    this.armBudget(slot, running.budgetMs);
  }

  private armBudget(slot: Slot, delayMs: number, ocrMs = 0): void {
    const running = slot.current;
    if (!running) return;
    if (running.timer) clearTimeout(running.timer);
    const { budgetMs } = running;
    running.timer = setTimeout(() => {
      const timedOut = slot.current;
      this.retire(slot);
      timedOut?.reject(
        new UnreadableDocumentError(
          'timeout',
          `Parsing took longer than its ${(budgetMs / 1000).toFixed(1)} s budget ` +
            `(${this.timeoutBaseMs / 1000} s + ${this.timeoutPerMbMs / 1000} s per MB` +
            (ocrMs > 0 ? `, extended by the ${(ocrMs / 1000).toFixed(0)} s OCR budget` : '') +
            '; KEHOACH_TASK_TIMEOUT_MS, KEHOACH_TASK_TIMEOUT_PER_MB_MS).',
        ),
      );
      this.pump();
    }, delayMs);
  }

  /**
   * OCR reads page by page under its own time budget and stops cleanly when it runs out (the pages left are
   * reported, not read). When it starts, the task's budget is made to cover it plus the base budget for the rest
   * of the parse, so that a slow scan ends as a truncated read, never as a killed worker.
   */
  private extendForOcr(slot: Slot, ocrMs: number): void {
    const running = slot.current;
    if (!running?.timer) return;
    const elapsed = Date.now() - running.startedAt;
    const needed = elapsed + ocrMs + this.timeoutBaseMs;
    if (needed <= running.budgetMs) return;
    running.budgetMs = needed;
    this.armBudget(slot, needed - elapsed, ocrMs);
  }

  private onMessage(slot: Slot, msg: FromWorker): void {
    if (msg.type === 'ready') {
      slot.ready = true;
      if (!slot.dead) this.startBudget(slot);
      return;
    }
    const running = slot.current;
    if (slot.dead || !running || running.id !== msg.id) return;
    if (msg.type === 'progress') {
      const ocrMs = msg.progress.budgetMs;
      if (msg.progress.phase === 'ocr' && msg.progress.done === 0 && ocrMs !== undefined)
        this.extendForOcr(slot, ocrMs);
      try {
        running.opts.onProgress?.(msg.progress);
      } catch {
        // A failing progress listener must not fail the parse.
      }
      return;
    }
    this.finish(slot, () => (msg.type === 'done' ? running.resolve(msg.result) : running.reject(revive(msg.error))));
    if (msg.type === 'failed' && msg.recycle) this.retire(slot);
    this.pump();
  }

  /** Ends the slot's current task (the callback settles it) and makes the worker idle again. */
  private finish(slot: Slot, settle: () => void): void {
    const running = slot.current;
    if (!running) return;
    if (running.timer) clearTimeout(running.timer);
    slot.current = null;
    slot.worker.unref();
    settle();
  }

  /** Takes a worker out of service: its task (if any) is the caller's to settle. */
  private retire(slot: Slot): void {
    if (slot.current?.timer) clearTimeout(slot.current.timer);
    slot.current = null;
    void this.kill(slot);
  }

  private kill(slot: Slot): Promise<unknown> {
    slot.dead = true;
    this.slots.delete(slot);
    return slot.worker.terminate().catch(() => undefined);
  }

  private abort(pending: Pending): void {
    const queued = this.queue.indexOf(pending);
    const reason = pending.opts.signal?.reason ?? new Error('aborted');
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      pending.reject(reason);
      return;
    }
    for (const slot of this.slots) {
      if (slot.current?.id === pending.id) {
        this.retire(slot);
        pending.reject(reason);
        this.pump();
        return;
      }
    }
  }
}
