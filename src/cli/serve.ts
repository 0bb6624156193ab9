// `kehoach serve | api | worker`: the only entry that listens, connects and handles signals.
// SIGTERM/SIGINT: stop accepting requests and jobs, let in-flight jobs finish, close connections, resolve.
import type { Server } from 'node:http';
import { loadConfig } from '../config.js';
import { type Role, startRuntime } from '../service/runtime.js';
import { startHeartbeat } from './health.js';

export async function runServe(role: Role): Promise<void> {
  const config = loadConfig(process.env);
  const runtime = await startRuntime(config, role);
  const { app, bootstrapKey } = runtime;
  const { logger } = runtime;
  if (bootstrapKey) {
    // Shown once: only its hash is stored. `kehoach keys create` makes more.
    process.stdout.write(
      `\nFirst start: created an admin API key (shown once, keep it):\n\n  ${bootstrapKey.key}\n\n` +
        'Use it as "Authorization: Bearer <key>"; create keys for others with `kehoach keys create --role …`.\n\n',
    );
  }
  let server: Server | null = null;
  if (app) {
    server = await new Promise<Server>((resolve, reject) => {
      const s = app.listen(config.port, config.host, () => resolve(s));
      s.once('error', reject);
    });
    // Slow or stalled uploads must not hold sockets forever.
    server.requestTimeout = 5 * 60_000;
    server.headersTimeout = 60_000;
    logger.info({ port: config.port, host: config.host, role }, 'listening');
  }
  const stopHeartbeat = startHeartbeat(role, server ? (server.address() as { port: number }).port : null);
  logger.info(
    {
      role,
      database: runtime.db.kind,
      queue: runtime.queue.kind,
      dataDir: runtime.db.kind === 'pglite' ? config.dataDir : undefined,
    },
    'kehoach started',
  );

  await new Promise<void>((resolve) => {
    let signals = 0;
    const onSignal = (signal: NodeJS.Signals) => {
      signals++;
      if (signals > 1) {
        logger.warn({ signal }, 'second signal: exiting now');
        process.exit(1);
      }
      logger.info({ signal }, 'shutting down: finishing in-flight jobs');
      const force = setTimeout(() => {
        logger.error('shutdown timed out');
        process.exit(1);
      }, config.shutdownTimeoutMs);
      force.unref();
      const closeServer = server
        ? new Promise<void>((r) => {
            server!.close(() => r());
            server!.closeIdleConnections();
          })
        : Promise.resolve();
      Promise.all([closeServer, runtime.close()])
        .catch((err: unknown) => logger.error({ err }, 'error during shutdown'))
        .finally(() => {
          clearTimeout(force);
          stopHeartbeat();
          process.off('SIGTERM', onSignal);
          process.off('SIGINT', onSignal);
          resolve();
        });
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
  logger.info('stopped');
}
