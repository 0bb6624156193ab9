// The pool's settings from the environment, shared by `kehoach extract` and the service's configuration.
import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { POOL_DEFAULTS, type PoolOptions } from './pool.js';

const optionalInt = (min: number) => z.coerce.number().int().min(min).optional();

export const PoolEnvSchema = z.object({
  /** Parse workers; default every core. */
  KEHOACH_JOBS: optionalInt(1),
  KEHOACH_WORKER_HEAP_MB: z.coerce.number().int().min(32).default(POOL_DEFAULTS.heapMb),
  KEHOACH_TASK_TIMEOUT_MS: z.coerce.number().int().min(1).default(POOL_DEFAULTS.timeoutBaseMs),
  KEHOACH_TASK_TIMEOUT_PER_MB_MS: z.coerce.number().int().min(0).default(POOL_DEFAULTS.timeoutPerMbMs),
});

export type PoolEnv = z.infer<typeof PoolEnvSchema>;

export function poolOptions(e: PoolEnv): Required<PoolOptions> {
  return {
    size: e.KEHOACH_JOBS ?? availableParallelism(),
    heapMb: e.KEHOACH_WORKER_HEAP_MB,
    timeoutBaseMs: e.KEHOACH_TASK_TIMEOUT_MS,
    timeoutPerMbMs: e.KEHOACH_TASK_TIMEOUT_PER_MB_MS,
  };
}
