// How a route is declared: method, path, permission, zod schemas for the query, the body and each response,
// and a handler. Every route of the API — documents, batches, review, claims, corrections, keys — is one of
// these; app.ts mounts them all the same way and openapi.ts documents them from the same schemas.
import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { Permission } from '../auth/roles.js';
import type { RouteContext } from './context.js';
import { type FieldError, HttpProblem } from './problem.js';

export interface ResponseDef {
  description: string;
  schema?: z.ZodType;
  /** Defaults to application/json. */
  contentType?: string;
  /** Response headers, documented (name → description). */
  headers?: Record<string, string>;
}

export interface RouteInput<Q, B> {
  query: Q;
  body: B;
}

export interface RouteDef<Q = unknown, B = unknown> {
  method: 'get' | 'post' | 'delete';
  /** Express path (`:id` parameters). */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: 'documents' | 'batches' | 'exports' | 'review' | 'keys' | 'meta';
  /** null: public. The app's authorizer enforces it (src/server/auth.ts). */
  permission: Permission | null;
  query?: z.ZodType<Q>;
  /**
   * JSON bodies are parsed (with the one JSON size limit) and validated before the handler runs; multipart
   * bodies are streamed by the handler and the schema only documents them.
   */
  body?: { contentType: 'multipart/form-data' | 'application/json'; schema: z.ZodType<B>; required: boolean };
  idempotent?: boolean;
  responses: Record<number, ResponseDef>;
  /** Statuses this route can answer with problem+json (besides 500 and 503), for the documentation. */
  problems: number[];
  handler: (ctx: RouteContext, req: Request, res: Response, input: RouteInput<Q, B>) => Promise<void>;
}

/** Declares a route; the generic parameters let the handler see the parsed query and body types. */
export function route<Q = undefined, B = undefined>(def: RouteDef<Q, B>): RouteDef {
  return def as unknown as RouteDef;
}

export function fieldErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

export function parseWith<T>(schema: z.ZodType<T>, value: unknown, type: 'invalid-query' | 'invalid-body'): T {
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error.issues);
    const where = type === 'invalid-query' ? 'query' : 'body';
    throw new HttpProblem(
      type,
      `Invalid ${where}: ${errors.map((e) => `${e.path || where}: ${e.message}`).join('; ')}`,
      { errors },
    );
  }
  return parsed.data;
}

// C0 controls (NUL above all) and lone surrogates: PostgreSQL refuses them in text, and no id, filter or
// search term legitimately holds them.
const INVALID_CHARS =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function hasInvalidChars(value: unknown): boolean {
  if (typeof value === 'string') return INVALID_CHARS.test(value);
  if (Array.isArray(value)) return value.some(hasInvalidChars);
  if (value && typeof value === 'object')
    return Object.entries(value).some(([k, v]) => hasInvalidChars(k) || hasInvalidChars(v));
  return false;
}

export function checkQueryChars(query: unknown): void {
  if (hasInvalidChars(query)) {
    throw new HttpProblem('invalid-query', 'The query holds control characters (such as NUL) or broken Unicode.');
  }
}

export function checkParamChars(params: Record<string, string>): void {
  for (const [name, value] of Object.entries(params)) {
    if (hasInvalidChars(value)) throw new HttpProblem('not-found', `No resource with that ${name}.`);
  }
}

export function param(req: Request, name: string): string {
  const v = req.params[name];
  return typeof v === 'string' ? v : '';
}
