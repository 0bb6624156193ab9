// Prometheus metrics on a registry per app (no global state, so tests can build several apps).
import type { NextFunction, Request, Response } from 'express';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export interface Metrics {
  registry: Registry;
  jobs: Counter<'outcome'>;
  middleware(req: Request, res: Response, next: NextFunction): void;
}

export function createMetrics(sources: {
  documentCounts?: () => Promise<Record<string, number>>;
  queueCounts?: () => Promise<Record<string, number>>;
}): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Histogram({
    name: 'kehoach_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const jobs = new Counter({
    name: 'kehoach_jobs_total',
    help: 'Extraction jobs finished by this process, by outcome',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  if (sources.documentCounts) {
    const read = sources.documentCounts;
    new Gauge({
      name: 'kehoach_documents',
      help: 'Documents by status (from the database)',
      labelNames: ['status'] as const,
      registers: [registry],
      async collect() {
        const counts = await read().catch(() => ({}));
        for (const [status, n] of Object.entries(counts)) this.set({ status }, n);
      },
    });
  }
  if (sources.queueCounts) {
    const read = sources.queueCounts;
    new Gauge({
      name: 'kehoach_queue_jobs',
      help: 'Queue jobs by state',
      labelNames: ['state'] as const,
      registers: [registry],
      async collect() {
        const counts = await read().catch(() => ({}));
        for (const [state, n] of Object.entries(counts)) this.set({ state }, n);
      },
    });
  }
  return {
    registry,
    jobs,
    middleware(req, res, next) {
      const end = requests.startTimer();
      res.on('finish', () => {
        // The route pattern, not the URL, keeps label cardinality bounded.
        const route = req.route?.path ? `${req.baseUrl}${req.route.path}` : 'unmatched';
        end({ method: req.method, route, status: String(res.statusCode) });
      });
      next();
    },
  };
}
