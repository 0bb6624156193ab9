export { CODES } from './contract/codes.js';
export * from './contract/schema.js';
export { type ExtractInput, type ExtractResult, extract, extractFromDoc } from './pipeline.js';
export { EXTRACTOR_NAME, EXTRACTOR_VERSION } from './version.js';
