import { extractionJsonSchema } from '../contract/schema.js';
import { exitCodes } from './usage.js';

export async function runSchema(_argv: string[]): Promise<number> {
  process.stdout.write(`${JSON.stringify(extractionJsonSchema(), null, 2)}\n`);
  return exitCodes.ok;
}
