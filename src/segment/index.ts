export { classifyKind, type KindDecision } from './kind.js';
export { type Segmentation, segment, typeLineOf } from './segment.js';
