import type http from 'node:http';

/** Listens on `host:port`; resolves with the port (the one picked for 0), rejects with a readable reason. */
export function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const why = error.code === 'EADDRINUSE' ? 'the address is already in use (another gws-sim?); choose another port, or port 0 for a free one (serve --port 0)' : error.message;
      reject(new Error(`cannot listen on ${host}:${port}: ${why}`));
    });
    server.listen(port, host, () => resolve((server.address() as { port: number }).port));
  });
}

/** The host as URIs in answers and notifications name it. */
export function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
