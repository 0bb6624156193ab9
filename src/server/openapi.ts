// OpenAPI 3.1 document generated from the route table and its zod schemas (z.toJSONSchema), so the reference
// at /docs always matches the code.
import { z } from 'zod';
import { EXTRACTOR_VERSION } from '../version.js';
import { API_PROBLEMS, PROBLEM_BASE } from './problem.js';
import type { RouteDef } from './routes.js';
import { HealthSchema, ProblemSchema } from './schemas.js';

type Json = Record<string, unknown>;

const COMPONENTS = '#/components/schemas/';
const SHARED = `${COMPONENTS}__shared#/$defs/`;

/** Registers schemas under stable names and renders them as OpenAPI components. */
class SchemaSet {
  private readonly registry = z.registry<{ id: string }>();
  private readonly names = new Map<z.ZodType, string>();

  ref(schema: z.ZodType, fallbackName: string): Json {
    let name = this.names.get(schema);
    if (!name) {
      const meta = z.globalRegistry.get(schema) as { id?: string } | undefined;
      name = meta?.id ?? fallbackName;
      this.names.set(schema, name);
      this.registry.add(schema, { id: name });
    }
    return { $ref: COMPONENTS + name };
  }

  components(): Record<string, Json> {
    const out = z.toJSONSchema(this.registry, {
      target: 'draft-2020-12',
      unrepresentable: 'any',
      uri: (id) => COMPONENTS + id,
    });
    const all: Record<string, Json> = {};
    const shared = (out.schemas['__shared'] as { $defs?: Record<string, Json> } | undefined)?.$defs ?? {};
    for (const [name, schema] of Object.entries(shared)) all[name] = schema;
    for (const [name, schema] of Object.entries(out.schemas)) {
      if (name === '__shared') continue;
      const { $schema: _s, $id: _i, ...rest } = schema as Json;
      all[name] = rest;
    }
    // Shared definitions are hoisted to components, so their references must point there too.
    const text = JSON.stringify(all).split(SHARED).join(COMPONENTS);
    return JSON.parse(text) as Record<string, Json>;
  }
}

function queryParameters(schema: z.ZodType): Json[] {
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', unrepresentable: 'any', io: 'input' }) as {
    properties?: Record<string, Json>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, s]) => {
    const { description, ...rest } = s;
    return {
      name,
      in: 'query',
      required: json.required?.includes(name) ?? false,
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'Bad request (invalid query, body, multipart or Idempotency-Key)',
  404: 'Unknown document or batch',
  409: 'Conflict (not ready, failed, or Idempotency-Key in use)',
  413: 'Too large (file size or file count limit)',
  415: 'Unsupported request content type or document type (detected from the bytes)',
  422: 'Empty file, or Idempotency-Key reused with a different request',
  503: 'Not ready',
};

export function buildOpenApi(routes: RouteDef[]): Json {
  const schemas = new SchemaSet();
  const problemRef = schemas.ref(ProblemSchema, 'Problem');
  const paths: Record<string, Record<string, Json>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:([A-Za-z_]+)/g, '{$1}');
    const parameters: Json[] = [...path.matchAll(/\{([A-Za-z_]+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    if (route.query) parameters.push(...queryParameters(route.query));
    if (route.idempotent) {
      parameters.push({
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        description: 'Same key + same request → the first response again, nothing new stored or queued.',
        schema: { type: 'string', maxLength: 255 },
      });
    }
    const responses: Record<string, Json> = {};
    for (const [status, def] of Object.entries(route.responses)) {
      const contentType = def.contentType ?? 'application/json';
      responses[status] = {
        description: def.description,
        content: {
          [contentType]: {
            schema: def.schema ? schemas.ref(def.schema, `${route.operationId}${status}`) : {},
          },
        },
      };
    }
    for (const status of [...route.problems, 500]) {
      responses[String(status)] ??= {
        description: PROBLEM_DESCRIPTIONS[status] ?? 'Internal error',
        content: { 'application/problem+json': { schema: problemRef } },
      };
    }
    const op: Json = {
      operationId: route.operationId,
      summary: route.summary,
      tags: [route.tag],
      parameters,
      responses,
      ...(route.permission ? { 'x-permission': route.permission } : {}),
    };
    if (route.body) {
      op['requestBody'] = {
        required: route.body.required,
        content: {
          [route.body.contentType]: { schema: schemas.ref(route.body.schema, `${route.operationId}Body`) },
        },
      };
    }
    paths[path] ??= {};
    paths[path][route.method] = op;
  }
  const health = schemas.ref(HealthSchema, 'Health');
  paths['/healthz'] = {
    get: {
      summary: 'Liveness',
      tags: ['meta'],
      responses: { 200: { description: 'Alive', content: { 'application/json': { schema: health } } } },
    },
  };
  paths['/readyz'] = {
    get: {
      summary: 'Readiness (database and queue reachable)',
      tags: ['meta'],
      responses: {
        200: { description: 'Ready', content: { 'application/json': { schema: health } } },
        503: { description: 'Not ready', content: { 'application/problem+json': { schema: problemRef } } },
      },
    },
  };
  paths['/metrics'] = {
    get: {
      summary: 'Prometheus metrics',
      tags: ['meta'],
      responses: { 200: { description: 'Metrics', content: { 'text/plain': {} } } },
    },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'kehoach extraction API',
      version: EXTRACTOR_VERSION,
      description:
        'Upload Vietnamese government plans (Kế hoạch) and read structured extractions. Every error is RFC 9457 ' +
        `problem+json; problem types: ${Object.keys(API_PROBLEMS)
          .map((t) => PROBLEM_BASE + t)
          .join(', ')}.`,
    },
    paths,
    components: { schemas: schemas.components() },
  };
}
