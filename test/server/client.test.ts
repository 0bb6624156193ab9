// An integrator's view: a client generated from /openapi.json (openapi-typescript types + openapi-fetch) runs
// upload → poll → extraction → correction against a running service. The types are the committed
// generated/api.d.ts, checked here to be exactly what the current document generates, so `npm run typecheck`
// proves the client compiles against the API as served.
import { readFileSync } from 'node:fs';
import SwaggerParser from '@apidevtools/swagger-parser';
import createClient from 'openapi-fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientTypes } from '../../scripts/client-types.js';
import type { paths } from './generated/api.js';
import { form, type Harness, planText, startHarness, waitFor } from './harness.js';

describe('generated client', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ mode: 'embedded' });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('the served /openapi.json is valid OpenAPI 3.1 and the committed client types match it', async () => {
    const served = (await (await h.request('/openapi.json')).json()) as Record<string, unknown>;
    expect(served['openapi']).toBe('3.1.0');
    await SwaggerParser.validate(structuredClone(served) as never);
    expect(JSON.stringify(served)).not.toContain('$defs/__schema');
    const committed = readFileSync(new URL('./generated/api.d.ts', import.meta.url), 'utf8');
    expect(committed, 'run `npm run client-types`').toBe(await clientTypes());
  });

  it('upload → poll → extraction → correction through the typed client', async () => {
    const client = createClient<paths>({ baseUrl: h.url });
    const up = await client.POST('/v1/documents', {
      body: form([{ name: 'ke-hoach.txt', bytes: planText(7, 'client') }]) as never,
      bodySerializer: (b) => b as unknown as FormData,
    });
    expect(up.response.status).toBe(202);
    expect(up.response.headers.get('location')).toMatch(/^\/v1\/documents\//);
    expect(Number(up.response.headers.get('retry-after'))).toBeGreaterThan(0);
    const id = up.data!.documents[0]!.id;

    const early = await client.GET('/v1/documents/{id}/extraction', { params: { path: { id } } });
    if (early.response.status === 409) {
      expect(early.response.headers.get('location')).toBe(`/v1/documents/${id}`);
      expect(early.response.headers.get('retry-after')).toBeTruthy();
    }

    await waitFor(async () => {
      const { data } = await client.GET('/v1/documents/{id}', { params: { path: { id } } });
      return data?.status === 'done' ? true : undefined;
    });
    const extraction = await client.GET('/v1/documents/{id}/extraction', { params: { path: { id } } });
    expect(extraction.response.status).toBe(200);
    const number = extraction.data!.metadata.documentNumber.value;
    expect(number).toBe('107/KH-UBND');

    const effective = await client.GET('/v1/documents/{id}/effective', { params: { path: { id } } });
    const corrected = await client.POST('/v1/documents/{id}/corrections', {
      params: { path: { id } },
      body: {
        patch: [{ op: 'replace', path: '/metadata/documentNumber/value', value: '107/KH-UBND-SUA' }],
        expectedRevision: effective.data!.revision,
      },
    });
    expect(corrected.response.status).toBe(201);
    expect(corrected.data!.extraction.metadata.documentNumber.value).toBe('107/KH-UBND-SUA');
    const after = await client.GET('/v1/documents/{id}/extraction', { params: { path: { id } } });
    expect(after.data!.metadata.documentNumber.value).toBe('107/KH-UBND-SUA');
  });
});
