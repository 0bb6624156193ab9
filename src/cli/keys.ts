// `kehoach keys create --role ROLE --name NAME | list [--all] | revoke ID`. The caller opens the database.
import { parseArgs } from 'node:util';
import { createKey, listKeys, revokeKey } from '../auth/keys.js';
import { ROLES, RoleNameSchema } from '../auth/roles.js';
import type { Sql } from '../db/types.js';

const USAGE = `Usage:
  kehoach keys create --role ${ROLES.join('|')} [--name NAME]
  kehoach keys list [--all]
  kehoach keys revoke ID`;

export class KeysUsageError extends Error {
  override readonly name = 'KeysUsageError';
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

export async function runKeys(
  argv: string[],
  sql: Sql,
  out: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
): Promise<void> {
  const [sub, ...rest] = argv;
  switch (sub) {
    case 'create': {
      const { values } = parseArgs({
        args: rest,
        options: { role: { type: 'string' }, name: { type: 'string' } },
        strict: true,
      });
      const role = RoleNameSchema.safeParse(values.role);
      if (!role.success) throw new KeysUsageError(`--role must be one of ${ROLES.join(', ')}\n${USAGE}`);
      const created = await createKey(sql, { role: role.data, name: values.name ?? `${role.data} key` });
      out(`Created ${created.role} key ${created.id} ("${created.name}").`);
      out('Store it now: it is shown only this once.');
      out(created.key);
      return;
    }
    case 'list': {
      const { values } = parseArgs({ args: rest, options: { all: { type: 'boolean' } }, strict: true });
      const keys = await listKeys(sql, { includeRevoked: values.all === true });
      out(`${pad('ID', 18)}${pad('ROLE', 10)}${pad('CREATED', 26)}${pad('LAST USED', 26)}NAME`);
      for (const k of keys) {
        const state = k.revokedAt ? ` (revoked ${k.revokedAt})` : '';
        out(
          `${pad(k.id, 18)}${pad(k.role, 10)}${pad(k.createdAt, 26)}${pad(k.lastUsedAt ?? '-', 26)}${k.name}${state}`,
        );
      }
      return;
    }
    case 'revoke': {
      const { positionals } = parseArgs({ args: rest, options: {}, allowPositionals: true, strict: true });
      const id = positionals[0];
      if (!id || positionals.length > 1) throw new KeysUsageError(`revoke takes one key id\n${USAGE}`);
      const revoked = await revokeKey(sql, id);
      if (!revoked) throw new KeysUsageError(`no API key with id ${id}`);
      out(`Revoked ${revoked.role} key ${revoked.id} ("${revoked.name}") at ${revoked.revokedAt}.`);
      return;
    }
    default:
      throw new KeysUsageError(USAGE);
  }
}
