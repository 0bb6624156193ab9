#!/usr/bin/env node
// kehoach command line: dispatches to one module per command (loaded lazily so `extract` never loads the server).
import { exitCodes, usage } from './usage.js';

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'extract':
      return (await import('./extract.js')).runExtract(rest);
    case 'schema':
      return (await import('./schema.js')).runSchema(rest);
    case 'serve':
    case 'api':
    case 'worker': {
      const { runServe } = await import('./serve.js');
      await runServe(command === 'serve' ? 'all' : command, rest);
      return exitCodes.ok;
    }
    case 'upload':
      return (await import('./upload.js')).runUpload(rest);
    case 'export':
      return (await import('./export.js')).runExport(rest);
    case 'keys':
      return (await import('./keys-command.js')).runKeysCommand(rest);
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      process.stdout.write(usage);
      return command === undefined ? exitCodes.usage : exitCodes.ok;
    default:
      process.stderr.write(`kehoach: unknown command "${command}"\n\n${usage}`);
      return exitCodes.usage;
  }
}

// `kehoach export … | head`: a reader that closes the pipe early is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== exitCodes.ok) process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`kehoach: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = exitCodes.failure;
  },
);
