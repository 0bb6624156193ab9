export * from './contract/schema.js';
export { CODES } from './contract/codes.js';
export { extract, extractFromDoc, type ExtractInput, type ExtractResult } from './pipeline.js';
export { EXTRACTOR_NAME, EXTRACTOR_VERSION } from './version.js';
