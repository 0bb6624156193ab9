// A TCP proxy that can cut a service off and bring it back, to test outages of PostgreSQL and Redis without
// stopping the shared servers other suites use.
import net from 'node:net';

export interface TcpProxy {
  url: string;
  /** Refuse new connections and cut the open ones. */
  down(): void;
  up(): void;
  close(): Promise<void>;
}

export async function startProxy(targetUrl: string, defaultPort: number): Promise<TcpProxy> {
  const target = new URL(targetUrl);
  const port = Number(target.port || defaultPort);
  const sockets = new Set<net.Socket>();
  let isUp = true;
  const server = net.createServer((client) => {
    if (!isUp) {
      client.destroy();
      return;
    }
    const upstream = net.connect({ host: target.hostname, port });
    sockets.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = new URL(targetUrl);
  url.hostname = '127.0.0.1';
  url.port = String((server.address() as net.AddressInfo).port);
  return {
    url: url.toString(),
    down() {
      isUp = false;
      for (const s of sockets) s.destroy();
      sockets.clear();
    },
    up() {
      isUp = true;
    },
    close() {
      isUp = false;
      for (const s of sockets) s.destroy();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}
