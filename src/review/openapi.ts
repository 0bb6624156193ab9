// OpenAPI 3.1 paths of the review and key routes, derived from the same zod schemas the router validates
// with, for the service to merge into /openapi.json.
import { z } from 'zod';
import type { Permission } from '../auth/roles.js';
import { CreateKeyBody } from '../auth/router.js';
import { ClaimBody, CorrectionBody, QueueQuery, RevertBody } from './schemas.js';

type Json = Record<string, unknown>;

interface Op {
  method: 'get' | 'post' | 'delete';
  path: string;
  operationId: string;
  summary: string;
  permission: Permission;
  query?: z.ZodType;
  body?: z.ZodType;
  ok: { status: number; description: string; extraction?: boolean };
  problems: number[];
}

export const REVIEW_OPERATIONS: Op[] = [
  {
    method: 'get',
    path: '/v1/review/queue',
    operationId: 'listReviewQueue',
    summary: 'Fields needing review, lowest confidence first',
    permission: 'review:read',
    query: QueueQuery,
    ok: { status: 200, description: '{ items: QueueItem[], total }' },
    problems: [400, 401, 403],
  },
  {
    method: 'get',
    path: '/v1/review/documents',
    operationId: 'listReviewDocuments',
    summary: 'Documents with how much is left to review',
    permission: 'documents:read',
    query: QueueQuery,
    ok: { status: 200, description: '{ items: DocumentReviewSummary[] }' },
    problems: [400, 401, 403],
  },
  {
    method: 'post',
    path: '/v1/review/claims',
    operationId: 'claimField',
    summary: 'Claim a field for a while (renews your own claim)',
    permission: 'review:write',
    body: ClaimBody,
    ok: { status: 201, description: 'The claim' },
    problems: [400, 401, 403, 404, 409],
  },
  {
    method: 'delete',
    path: '/v1/review/claims/{claimId}',
    operationId: 'releaseClaim',
    summary: 'Release your claim',
    permission: 'review:write',
    ok: { status: 204, description: 'Released' },
    problems: [401, 403, 404],
  },
  {
    method: 'get',
    path: '/v1/documents/{id}/effective',
    operationId: 'getEffectiveExtraction',
    summary: 'Machine extraction with reviewers\u2019 corrections applied (ETag = revision)',
    permission: 'documents:read',
    ok: {
      status: 200,
      description: '{ documentId, revision, machineVersion, corrections, extraction }',
      extraction: true,
    },
    problems: [401, 403, 404],
  },
  {
    method: 'get',
    path: '/v1/documents/{id}/corrections',
    operationId: 'listCorrections',
    summary: 'Correction history, oldest first, with status (applied, stale, reverted)',
    permission: 'documents:read',
    ok: { status: 200, description: '{ items: HistoryEntry[] }' },
    problems: [401, 403, 404],
  },
  {
    method: 'post',
    path: '/v1/documents/{id}/corrections',
    operationId: 'submitCorrection',
    summary: 'Submit a JSON Patch (RFC 6902) or an accept; needs expectedRevision/If-Match or expectedBefore',
    permission: 'review:write',
    body: CorrectionBody,
    ok: { status: 201, description: '{ correction, revision, extraction }', extraction: true },
    problems: [400, 401, 403, 404, 409, 422, 428],
  },
  {
    method: 'post',
    path: '/v1/documents/{id}/corrections/{cid}/revert',
    operationId: 'revertCorrection',
    summary: 'Revert a correction (a new history entry)',
    permission: 'review:write',
    body: RevertBody,
    ok: { status: 201, description: '{ correction, revision, extraction }', extraction: true },
    problems: [400, 401, 403, 404, 409, 428],
  },
  {
    method: 'get',
    path: '/v1/keys',
    operationId: 'listKeys',
    summary: 'List API keys (never the keys themselves)',
    permission: 'keys:manage',
    ok: { status: 200, description: '{ items: ApiKeyInfo[], roles }' },
    problems: [401, 403],
  },
  {
    method: 'post',
    path: '/v1/keys',
    operationId: 'createKey',
    summary: 'Create an API key; the key is in this response only',
    permission: 'keys:manage',
    body: CreateKeyBody,
    ok: { status: 201, description: 'ApiKeyInfo plus key' },
    problems: [400, 401, 403],
  },
  {
    method: 'delete',
    path: '/v1/keys/{id}',
    operationId: 'revokeKey',
    summary: 'Revoke an API key',
    permission: 'keys:manage',
    ok: { status: 200, description: 'The revoked key' },
    problems: [401, 403, 404],
  },
  {
    method: 'get',
    path: '/v1/keys/me',
    operationId: 'whoAmI',
    summary: 'The calling key: id, name, role, permissions',
    permission: 'documents:read',
    ok: { status: 200, description: '{ id, name, role, permissions }' },
    problems: [401],
  },
];

function schema(s: z.ZodType, io: 'input' | 'output' = 'input'): Json {
  const { $schema: _s, ...rest } = z.toJSONSchema(s, { target: 'draft-2020-12', unrepresentable: 'any', io }) as Json;
  return rest;
}

const problem = (status: number): Json => ({
  description: `Problem (RFC 9457), status ${status}`,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

/** `paths` to merge into the service's OpenAPI document (it already defines components Problem and Extraction). */
export function reviewOpenApiPaths(): Record<string, Json> {
  const paths: Record<string, Json> = {};
  for (const op of REVIEW_OPERATIONS) {
    const params: Json[] = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    if (op.query) {
      const q = schema(op.query) as { properties?: Record<string, Json> };
      for (const [name, s] of Object.entries(q.properties ?? {}))
        params.push({ name, in: 'query', required: false, schema: s });
    }
    const responses: Json = {
      [op.ok.status]:
        op.ok.status === 204
          ? { description: op.ok.description }
          : { description: op.ok.description, content: { 'application/json': { schema: { type: 'object' } } } },
    };
    for (const status of op.problems) responses[status] = problem(status);
    paths[op.path] = {
      ...(paths[op.path] as Json | undefined),
      [op.method]: {
        operationId: op.operationId,
        summary: op.summary,
        tags: [op.path.startsWith('/v1/keys') ? 'keys' : 'review'],
        security: [{ bearer: [] }, { apiKey: [] }],
        'x-permission': op.permission,
        ...(params.length ? { parameters: params } : {}),
        ...(op.body
          ? { requestBody: { required: true, content: { 'application/json': { schema: schema(op.body) } } } }
          : {}),
        responses,
      },
    };
  }
  return paths;
}

/** Security schemes the paths refer to. */
export const REVIEW_SECURITY_SCHEMES = {
  bearer: { type: 'http', scheme: 'bearer', description: 'Authorization: Bearer <API key>' },
  apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
} as const;
