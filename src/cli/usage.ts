export const exitCodes = { ok: 0, failure: 1, usage: 2, unreadablePath: 3 } as const;

export const usage = `Usage: kehoach <command> [options]

Commands:
  extract [--out DIR] [--jobs N] [--pretty] [--quiet] FILE|DIR...
                                              extract plans to JSON (one DIR/<name>.json per input,
                                              N parse workers, default every core; compact JSON
                                              unless --pretty)
  upload DIR|FILE... --server URL [--batch NAME] [--concurrency N] [--wait]
                                              send a folder to a running server, resumably
  export [FILE|DIR...] [--server URL --batch ID] [--kind K] [--format csv|xlsx|ndjson] --out PATH
                                              targets, responsibilities, budgets, cells as a spreadsheet
  schema                                      print the JSON Schema of the extraction contract
  serve                                       run the API and a worker in one process
  api                                         run the API only
  worker                                      run a worker only
  keys create --role ROLE [--name NAME] | list | revoke ID
                                              manage API keys

Environment: DATABASE_URL, REDIS_URL, PORT, KEHOACH_DATA_DIR, KEHOACH_JOBS (see the README).
`;
