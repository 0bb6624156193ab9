// RFC 9457 problem details for every error the extraction API sends. Each failure has its own type URI so
// clients can switch on it; the README lists them all.
import type { Response } from 'express';

export const PROBLEM_BASE = 'https://kehoach.dev/problems/';

export const API_PROBLEMS = {
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
  'idempotency-key-reused': { status: 422, title: 'Idempotency-Key reused with a different request' },
  'idempotency-key-in-use': { status: 409, title: 'A request with this Idempotency-Key is in progress' },
  'invalid-idempotency-key': { status: 400, title: 'Invalid Idempotency-Key' },
  'extraction-not-ready': { status: 409, title: 'Extraction not ready' },
  'document-failed': { status: 409, title: 'Document could not be read' },
  'service-unavailable': { status: 503, title: 'Service unavailable' },
  'internal-error': { status: 500, title: 'Internal error' },
} as const;
export type ApiProblemType = keyof typeof API_PROBLEMS;

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  [extension: string]: unknown;
}

export class HttpProblem extends Error {
  override readonly name = 'HttpProblem';
  constructor(
    readonly type: ApiProblemType,
    readonly detail: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail);
  }

  get status(): number {
    return API_PROBLEMS[this.type].status;
  }

  body(instance?: string): ProblemBody {
    const { status, title } = API_PROBLEMS[this.type];
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
  res.status(body.status).type('application/problem+json').send(JSON.stringify(body));
}
