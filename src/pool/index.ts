export { PoolEnvSchema, poolOptions } from './config.js';
export type { ParseProgress, ParseResult, ParseTask, ResultSummary } from './messages.js';
export { ParsePool, WorkerCrashError } from './pool.js';
