// A small client for the kehoach HTTP API: bearer key, retries with backoff on transient answers, RFC 9457
// problems turned into typed errors. Used by `kehoach upload` and `kehoach export`.

export interface ClientOptions {
  server: string;
  key: string | null;
  /** Tries for transient failures (network errors, 429, 502–504): the first try plus this many retries. */
  retries: number;
  /** First retry delay; doubles each time unless the server sends Retry-After. */
  backoffMs: number;
  fetch?: typeof fetch;
}

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  [extension: string]: unknown;
}

/** The server refused the request for a reason that retrying cannot change (4xx other than 408/429). */
export class ApiRefusal extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = 'ApiRefusal';
  }

  /** The problem type's slug ("unsupported-document-type"), or the HTTP status when the body was not a problem. */
  get code(): string {
    const t = this.problem.type;
    return typeof t === 'string' && t.includes('/') ? t.slice(t.lastIndexOf('/') + 1) : `http-${this.status}`;
  }
}

const TRANSIENT = new Set([408, 429, 500, 502, 503, 504]);

function retryAfterMs(res: Response): number | null {
  const raw = res.headers.get('retry-after');
  if (!raw) return null;
  const secs = Number(raw);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class ApiClient {
  private readonly fetch: typeof fetch;

  constructor(private readonly opts: ClientOptions) {
    this.fetch = opts.fetch ?? globalThis.fetch;
  }

  url(path: string): string {
    return new URL(path, this.opts.server.endsWith('/') ? this.opts.server : `${this.opts.server}/`).href;
  }

  /**
   * Sends a request, retrying transient failures. `body` is rebuilt for every try (a FormData stream cannot
   * be sent twice). Resolves with the response of the first non-transient answer; throws ApiRefusal for 4xx.
   */
  async request(
    method: string,
    path: string,
    init: { body?: () => BodyInit; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = { ...init.headers };
    if (this.opts.key) headers.authorization = `Bearer ${this.opts.key}`;
    let lastError: unknown;
    for (let attempt = 0; attempt <= this.opts.retries; attempt++) {
      if (attempt > 0) await sleep(lastDelay(lastError, this.opts.backoffMs, attempt));
      let res: Response;
      try {
        res = await this.fetch(this.url(path), { method, headers, body: init.body?.() });
      } catch (err) {
        lastError = err; // connection refused, reset, DNS: the server may come back
        continue;
      }
      if (res.ok) return res;
      const problem = await readProblem(res);
      if (TRANSIENT.has(res.status)) {
        lastError = new TransientAnswer(res.status, problem, retryAfterMs(res));
        continue;
      }
      throw new ApiRefusal(res.status, problem);
    }
    throw lastError instanceof TransientAnswer
      ? new ApiRefusal(lastError.status, lastError.problem)
      : new Error(`cannot reach ${this.opts.server}: ${describe(lastError)}`, { cause: lastError });
  }

  async json<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const res = await this.request(method, path, {
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: () => JSON.stringify(body) }),
    });
    return (await res.json()) as T;
  }
}

class TransientAnswer {
  constructor(
    readonly status: number,
    readonly problem: Problem,
    readonly retryAfterMs: number | null,
  ) {}
}

function lastDelay(err: unknown, backoffMs: number, attempt: number): number {
  const exp = backoffMs * 2 ** (attempt - 1);
  if (err instanceof TransientAnswer && err.retryAfterMs !== null) return Math.min(err.retryAfterMs, 60_000);
  return exp;
}

async function readProblem(res: Response): Promise<Problem> {
  const text = await res.text().catch(() => '');
  try {
    const body = JSON.parse(text) as unknown;
    if (body && typeof body === 'object') return body as Problem;
  } catch {
    // not JSON: an HTML error page from a proxy, say
  }
  return { status: res.status, title: res.statusText, detail: text.slice(0, 200) || res.statusText };
}

function describe(err: unknown): string {
  if (err instanceof Error) {
    const cause = (err as Error & { cause?: { code?: string } }).cause;
    return cause?.code ? `${err.message} (${cause.code})` : err.message;
  }
  return String(err);
}
