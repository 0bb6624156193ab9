// RFC 9457 problem details for every error the API sends: one catalogue, one error class. Each failure has its
// own type URI so clients can switch on it; the README lists them all. Domain modules never build these: they
// return typed outcomes and the route handlers turn them into problems.
import type { Response } from 'express';

export const PROBLEM_BASE = 'https://kehoach.dev/problems/';

export const PROBLEMS = {
  unauthenticated: { status: 401, title: 'Authentication required' },
  forbidden: { status: 403, title: 'Not allowed for this key' },
  'not-found': { status: 404, title: 'Not found' },
  'route-not-found': { status: 404, title: 'No such endpoint' },
  'invalid-query': { status: 400, title: 'Invalid query parameters' },
  'invalid-body': { status: 400, title: 'Invalid request body' },
  'malformed-multipart': { status: 400, title: 'Malformed multipart body' },
  'no-files': { status: 400, title: 'No files in the request' },
  'empty-file': { status: 422, title: 'Empty file' },
  'file-too-large': { status: 413, title: 'File too large' },
  'too-many-files': { status: 413, title: 'Too many files' },
  'body-too-large': { status: 413, title: 'Request body too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported request content type' },
  'unsupported-document-type': { status: 415, title: 'Unsupported document type' },
  'unknown-batch': { status: 404, title: 'Unknown batch' },
  'batch-cancelled': { status: 409, title: 'Batch cancelled' },
  'idempotency-key-reused': { status: 422, title: 'Idempotency-Key reused with a different request' },
  'idempotency-key-in-use': { status: 409, title: 'A request with this Idempotency-Key is in progress' },
  'invalid-idempotency-key': { status: 400, title: 'Invalid Idempotency-Key' },
  'extraction-not-ready': { status: 409, title: 'Extraction not ready' },
  'document-failed': { status: 409, title: 'Document could not be read' },
  conflict: { status: 409, title: 'Conflicting change' },
  'claimed-by-other': { status: 409, title: 'Field is claimed by another reviewer' },
  'invalid-correction': { status: 422, title: 'Correction refused' },
  'precondition-required': { status: 428, title: 'Precondition required' },
  'service-unavailable': { status: 503, title: 'Service unavailable' },
  'internal-error': { status: 500, title: 'Internal error' },
} as const;
export type ProblemType = keyof typeof PROBLEMS;

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  [extension: string]: unknown;
}

/** One validation-error shape for query, body and correction refusals alike. */
export interface FieldError {
  path: string;
  message: string;
}

export class HttpProblem extends Error {
  override readonly name = 'HttpProblem';
  constructor(
    readonly type: ProblemType,
    readonly detail: string,
    readonly extensions: Record<string, unknown> = {},
    /** Extra response headers (Retry-After, WWW-Authenticate). */
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }

  get status(): number {
    return PROBLEMS[this.type].status;
  }

  body(instance?: string): ProblemBody {
    const { status, title } = PROBLEMS[this.type];
    return {
      type: PROBLEM_BASE + this.type,
      title,
      status,
      detail: this.detail,
      ...(instance ? { instance } : {}),
      ...this.extensions,
    };
  }
}

export function sendProblem(res: Response, problem: HttpProblem, instance?: string): void {
  const body = problem.body(instance);
  for (const [name, value] of Object.entries(problem.headers)) res.setHeader(name, value);
  res.status(body.status).type('application/problem+json').send(JSON.stringify(body));
}
