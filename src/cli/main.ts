#!/usr/bin/env node
// kehoach command line on commander: every command has --help and --version. Each command's module is loaded
// lazily, so `extract` never loads the server.
import { Command, CommanderError } from 'commander';
import { ROLES } from '../auth/roles.js';
import { EXTRACTOR_VERSION } from '../version.js';
import { exitCodes } from './usage.js';

const ENV_HELP =
  '\nConfigured by environment variables: DATABASE_URL, REDIS_URL, PORT, KEHOACH_DATA_DIR, … (see the README).';

let exitCode: number = exitCodes.ok;

function build(): Command {
  const program = new Command('kehoach')
    .description('Parse Vietnamese government plans (Kế hoạch) into validated JSON; run the extraction service.')
    .version(EXTRACTOR_VERSION, '-V, --version')
    .showHelpAfterError()
    .exitOverride();
  const sub = (name: string, description: string) =>
    program.command(name).description(description).version(EXTRACTOR_VERSION, '-V, --version').exitOverride();

  sub('extract', 'extract plans to JSON (one DIR/<name>.json per input; --jobs N workers, --pretty to indent)')
    .argument('<inputs...>', 'files or folders')
    .option('-o, --out <dir>', 'output folder (default: the current folder)')
    .option('-q, --quiet', 'print nothing but errors')
    .allowUnknownOption()
    .helpCommand(false)
    .action(async (_inputs, _opts, cmd: Command) => {
      // The extract command parses its own options (it may take more than listed here); pass them through.
      exitCode = await (await import('./extract.js')).runExtract(cmd.args.length ? rawArgs('extract') : []);
    });

  // upload and export parse their own options (each prints its own --help); pass them through.
  sub('upload', 'send a folder to a running server, resumably (kehoach upload --help)')
    .argument('[inputs...]', 'files or folders')
    .allowUnknownOption()
    .helpOption(false)
    .action(async () => {
      exitCode = await (await import('./upload.js')).runUpload(rawArgs('upload'));
    });
  sub('export', 'targets, responsibilities, budgets, cells as CSV, XLSX or NDJSON (kehoach export --help)')
    .argument('[inputs...]', 'extraction files or folders')
    .allowUnknownOption()
    .helpOption(false)
    .action(async () => {
      exitCode = await (await import('./export.js')).runExport(rawArgs('export'));
    });

  sub('schema', 'print the JSON Schema of the extraction contract').action(async () => {
    exitCode = await (await import('./schema.js')).runSchema([]);
  });

  for (const [name, role, what] of [
    ['serve', 'all', 'run the API and a worker in one process'],
    ['api', 'api', 'run the API only'],
    ['worker', 'worker', 'run a worker only'],
  ] as const) {
    sub(name, what)
      .addHelpText('after', ENV_HELP)
      .action(async () => {
        await (await import('./serve.js')).runServe(role);
      });
  }

  sub('health', "exit 0 when this container's kehoach process is healthy (the Docker HEALTHCHECK)").action(async () => {
    exitCode = await (await import('./health.js')).runHealth();
  });

  const keys = sub('keys', 'manage API keys (refused while a server holds the embedded data folder)').addHelpText(
    'after',
    ENV_HELP,
  );
  const runKeys = async (args: string[]) => {
    exitCode = await (await import('./keys-command.js')).runKeysCommand(args);
  };
  keys
    .command('create')
    .description('create a key; it is printed once')
    .version(EXTRACTOR_VERSION, '-V, --version')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--name <name>', 'who or what the key is for')
    .action(async (opts: { role: string; name?: string }) => {
      await runKeys(['create', '--role', opts.role, ...(opts.name ? ['--name', opts.name] : [])]);
    });
  keys
    .command('list')
    .description('list keys (never the keys themselves)')
    .version(EXTRACTOR_VERSION, '-V, --version')
    .option('--all', 'include revoked keys')
    .action(async (opts: { all?: boolean }) => {
      await runKeys(['list', ...(opts.all ? ['--all'] : [])]);
    });
  keys
    .command('revoke')
    .description('revoke a key')
    .version(EXTRACTOR_VERSION, '-V, --version')
    .argument('<id>', 'key id')
    .action(async (id: string) => {
      await runKeys(['revoke', id]);
    });
  return program;
}

/** The arguments after the command name, exactly as typed. */
function rawArgs(command: string): string[] {
  const argv = process.argv.slice(2);
  return argv.slice(argv.indexOf(command) + 1);
}

async function main(): Promise<number> {
  const program = build();
  if (process.argv.length <= 2) {
    program.outputHelp();
    return exitCodes.usage;
  }
  try {
    await program.parseAsync(process.argv);
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version exit 0; usage mistakes exit 2 (commander has printed the reason).
      return err.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
    }
    throw err;
  }
}

// `kehoach export … | head`: a reader that closes the pipe early is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

main().then(
  (code) => {
    if (code !== exitCodes.ok) process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`kehoach: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = exitCodes.failure;
  },
);
