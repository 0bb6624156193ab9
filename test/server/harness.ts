// Starts a kehoach runtime on an ephemeral port, embedded (PGlite in memory or a folder + in-process runner) or
// PostgreSQL (a fresh schema) + BullMQ (a unique prefix), and cleans up after itself.
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import pg from 'pg';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.js';
import { type Role, type Runtime, startRuntime } from '../../src/service/runtime.js';
import { DATABASE_URL, REDIS_URL } from '../helpers/services.js';

export type Mode = 'embedded' | 'postgres-bullmq';

export interface Harness {
  url: string;
  runtime: Runtime;
  request(path: string, init?: RequestInit): Promise<Response>;
  /** Stops the runtime (and server); keeps the schema / data so a restart can be tested. */
  stop(): Promise<void>;
  /** Stops and removes the schema and queue keys. */
  close(): Promise<void>;
}

export interface HarnessOptions {
  mode: Mode;
  role?: Role;
  env?: Record<string, string>;
  /** Embedded: PGlite folder (null: in memory). */
  dataDir?: string | null;
  /** postgres-bullmq: reuse a schema / prefix (restart tests); generated otherwise. */
  schema?: string;
  prefix?: string;
  redisDb?: number;
  /** postgres-bullmq: connect through these instead (a proxy that can cut the connection). */
  databaseUrl?: string;
  redisUrl?: string;
  inline?: boolean;
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

export function redisUrl(db: number): string {
  return `${REDIS_URL.replace(/\/\d*$/, '')}/${db}`;
}

export async function startHarness(opts: HarnessOptions): Promise<Harness> {
  const env: Record<string, string> = {
    KEHOACH_AUTH: 'off',
    KEHOACH_SWEEP_INTERVAL_MS: '500',
    KEHOACH_JOB_BACKOFF_MS: '50',
    KEHOACH_CONCURRENCY: '2',
    ...opts.env,
  };
  let schema: string | undefined;
  let prefix: string | undefined;
  let redis: string | undefined;
  if (opts.mode === 'postgres-bullmq') {
    schema = opts.schema ?? uniqueName('kh_test');
    prefix = opts.prefix ?? uniqueName('khq');
    redis = opts.redisUrl ?? redisUrl(opts.redisDb ?? 6);
    Object.assign(env, {
      DATABASE_URL: opts.databaseUrl ?? DATABASE_URL,
      KEHOACH_DB_SCHEMA: schema,
      REDIS_URL: redis,
      KEHOACH_QUEUE_PREFIX: prefix,
      KEHOACH_JOB_LOCK_MS: env['KEHOACH_JOB_LOCK_MS'] ?? '5000',
      KEHOACH_STALLED_INTERVAL_MS: env['KEHOACH_STALLED_INTERVAL_MS'] ?? '2000',
    });
  }
  const config = { ...loadConfig(env), dataDir: opts.dataDir ?? null };
  const runtime = await startRuntime(config, opts.role ?? 'all', {
    logger: pino({ level: process.env['TEST_LOG_LEVEL'] ?? 'silent' }),
    ...(opts.inline ? { inline: true } : {}),
  });
  let server: Server | null = null;
  let url = '';
  if (runtime.app) {
    const app = runtime.app;
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
  let stopped: Promise<void> | null = null;
  const stop = () => {
    stopped ??= (async () => {
      if (server) {
        const s = server;
        await new Promise<void>((r) => {
          s.close(() => r());
          s.closeAllConnections();
        });
      }
      await runtime.close();
    })();
    return stopped;
  };
  return {
    url,
    runtime,
    request: (path, init) => fetch(url + path, init),
    stop,
    async close() {
      await stop();
      if (schema) await dropSchema(schema);
      if (prefix && redis) await deleteKeys(redis, prefix);
    },
  };
}

export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await client.end();
  }
}

export async function deleteKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** Polls until check() returns a value (not undefined) or the deadline passes. */
export async function waitFor<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 30_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A small, unique, realistic plan text (the i-th of a generated batch). */
export function planText(i: number, tag = ''): string {
  const year = 2020 + (i % 6);
  return [
    'ỦY BAN NHÂN DÂN',
    'TỈNH QUẢNG NINH',
    `Số: ${100 + i}/KH-UBND`,
    `Quảng Ninh, ngày ${1 + (i % 27)} tháng ${1 + (i % 12)} năm ${year}`,
    '',
    'KẾ HOẠCH',
    `Triển khai nhiệm vụ số ${i}${tag ? ` (${tag})` : ''} năm ${year}`,
    '',
    'I. MỤC ĐÍCH, YÊU CẦU',
    `1. Phấn đấu đến năm ${year + 1} đạt ${50 + (i % 40)}% hộ gia đình được tiếp cận dịch vụ.`,
    '',
    'II. TỔ CHỨC THỰC HIỆN',
    '1. Sở Y tế chủ trì, phối hợp với các sở, ngành liên quan triển khai thực hiện.',
    '',
    'KT. CHỦ TỊCH',
    'PHÓ CHỦ TỊCH',
    'Nguyễn Văn A',
  ].join('\n');
}

export function form(
  files: { name: string; bytes: Uint8Array | string; type?: string }[],
  fields: Record<string, string> = {},
): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  for (const f of files) {
    const bytes = typeof f.bytes === 'string' ? new TextEncoder().encode(f.bytes) : f.bytes;
    fd.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>], { type: f.type ?? 'text/plain' }), f.name);
  }
  return fd;
}
