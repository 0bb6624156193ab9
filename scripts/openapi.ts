// `npm run openapi`: writes the OpenAPI document the service serves (from the route table) and validates it with
// swagger-parser, failing on any error. `npm run check` runs it so an invalid document never ships.
import { writeFileSync } from 'node:fs';
import SwaggerParser from '@apidevtools/swagger-parser';
import { buildOpenApi } from '../src/server/openapi.js';
import { ROUTES } from '../src/server/routes.js';

const doc = buildOpenApi(ROUTES);
const out = process.argv[2];
if (out) writeFileSync(out, `${JSON.stringify(doc, null, 2)}\n`);
try {
  await SwaggerParser.validate(structuredClone(doc) as never);
  const paths = Object.keys(doc['paths'] as object).length;
  process.stdout.write(`openapi: valid OpenAPI ${String(doc['openapi'])}, ${paths} paths\n`);
} catch (err) {
  process.stderr.write(`openapi: INVALID: ${(err as Error).message}\n`);
  process.exitCode = 1;
}
