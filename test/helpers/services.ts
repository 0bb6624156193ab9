// Reachability of the loopback services the integration suites need. A suite that cannot run is skipped with
// a line starting "SKIPPED SUITE:" so CI can fail on it (a silent skip would hide a missing service).
import net from 'node:net';

export const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
export const DATABASE_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

export type Service = 'redis' | 'postgres';

function probe(
  url: string,
  defaultPort: number,
  hello: Buffer | null,
  expect: (data: Buffer) => boolean,
): Promise<string | null> {
  const u = new URL(url);
  const port = Number(u.port || defaultPort);
  return new Promise((resolve) => {
    const socket = net.connect({ host: u.hostname, port });
    const done = (reason: string | null) => {
      socket.destroy();
      resolve(reason);
    };
    socket.setTimeout(1500, () => done(`no answer from ${u.hostname}:${port}`));
    socket.once('error', (err) => done(`${u.hostname}:${port} unreachable (${err.message})`));
    socket.once('connect', () => {
      if (!hello) return done(null);
      socket.write(hello);
    });
    socket.once('data', (data) => done(expect(data) ? null : `unexpected answer from ${u.hostname}:${port}`));
  });
}

/** Null when the service answers; otherwise why not. */
export async function serviceProblem(service: Service): Promise<string | null> {
  if (service === 'redis') {
    return probe(REDIS_URL, 6379, Buffer.from('PING\r\n'), (d) => d.toString().startsWith('+PONG'));
  }
  // An SSLRequest packet: any PostgreSQL server answers it with a single 'S' or 'N' byte.
  const sslRequest = Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]);
  return probe(DATABASE_URL, 5432, sslRequest, (d) => d.length >= 1 && (d[0] === 0x53 || d[0] === 0x4e));
}

/**
 * Checks the services a suite needs; returns the skip reason (and prints "SKIPPED SUITE: <name> (<reason>)")
 * or null when the suite can run. Use with describe.skipIf(reason !== null).
 */
export async function skipUnless(suite: string, services: Service[]): Promise<string | null> {
  const problems: string[] = [];
  for (const s of services) {
    const problem = await serviceProblem(s);
    if (problem) problems.push(`${s}: ${problem}`);
  }
  if (problems.length === 0) return null;
  const reason = problems.join('; ');
  console.warn(`SKIPPED SUITE: ${suite} (${reason})`);
  return reason;
}
