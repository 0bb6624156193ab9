export { classifyKind } from './kind.js';
export { segment, typeLineOf } from './segment.js';
