export { PoolEnvSchema, poolOptions } from './config.js';
export type { ParseProgress, ParseResult, ParseTask } from './messages.js';
export {
  ParsePool,
  POOL_DEFAULTS,
  PoolClosedError,
  type PoolOptions,
  type RunOptions,
  WorkerCrashError,
} from './pool.js';
