// RFC 9457 problem details: every error the review API sends has a stable type URI clients can switch on.
import type { Response } from 'express';
import { PROBLEM_BASE, type ProblemBody } from '../server/problem.js';

// One type-URI base and body shape for every problem the service sends (src/server/problem.ts).
export { PROBLEM_BASE };

export const PROBLEMS = {
  unauthenticated: { status: 401, title: 'Authentication required' },
  forbidden: { status: 403, title: 'Not allowed for this key' },
  'not-found': { status: 404, title: 'Not found' },
  'invalid-query': { status: 400, title: 'Invalid query parameters' },
  'invalid-body': { status: 400, title: 'Invalid request body' },
  conflict: { status: 409, title: 'Conflicting change' },
  'claimed-by-other': { status: 409, title: 'Field is claimed by another reviewer' },
  'invalid-correction': { status: 422, title: 'Correction refused' },
  'precondition-required': { status: 428, title: 'Precondition required' },
} as const;
export type ProblemType = keyof typeof PROBLEMS;

export type Problem = ProblemBody;

export function problem(type: ProblemType, detail: string, extensions: Record<string, unknown> = {}): Problem {
  const { status, title } = PROBLEMS[type];
  return { type: PROBLEM_BASE + type, title, status, detail, ...extensions };
}

export function sendProblem(
  res: Response,
  type: ProblemType,
  detail: string,
  extensions: Record<string, unknown> = {},
): void {
  const instance = res.req?.originalUrl;
  const body = problem(type, detail, { ...(instance ? { instance } : {}), ...extensions });
  res.status(body.status).type('application/problem+json').send(JSON.stringify(body));
}

/** Thrown inside handlers; the router's error handler turns it into problem+json. */
export class ProblemError extends Error {
  constructor(
    readonly type: ProblemType,
    readonly detail: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail);
  }
}
