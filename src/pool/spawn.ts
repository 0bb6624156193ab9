// Starts a worker thread on a module of this package, from built JavaScript or from the TypeScript sources.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * `jsUrl` names the compiled file (`./worker.js` next to the caller). From source (tests, tsx) the module is
 * TypeScript: a small ESM bootstrap registers tsx's loader in the worker first (loader flags in a worker's
 * execArgv are not honoured on Node 20).
 */
export function spawnModuleWorker(jsUrl: URL, options: WorkerOptions = {}): Worker {
  const ts = new URL(jsUrl.href.replace(/\.js$/, '.ts'));
  const fromSource = !jsUrl.href.endsWith('.ts') && import.meta.url.endsWith('.ts');
  if (!fromSource) return new Worker(jsUrl, options);
  const tsxApi = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  const bootstrap = `const { register } = await import(${JSON.stringify(tsxApi)}); register(); await import(${JSON.stringify(ts.href)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`), options);
}
