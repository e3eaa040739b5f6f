import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SilentCollector {
  readonly url: string;
  /** The path of every POST received, in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

/** A collector on 127.0.0.1 that accepts each POST and never answers it (an export can only time out). */
export async function startSilentCollector(): Promise<SilentCollector> {
  const requests: string[] = [];
  const server = createServer((request) => {
    requests.push(request.url ?? '');
    request.resume();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
