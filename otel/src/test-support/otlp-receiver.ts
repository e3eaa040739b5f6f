import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedExport {
  readonly path: string;
  readonly contentType: string;
  readonly body: Buffer;
}

export interface OtlpReceiver {
  /** Base URL, like `http://127.0.0.1:41234`. */
  readonly url: string;
  readonly received: ReceivedExport[];
  /** Resolves with the first received export matching, waiting up to `timeoutMs`. */
  waitFor(match: (received: ReceivedExport) => boolean, timeoutMs?: number): Promise<ReceivedExport>;
  close(): Promise<void>;
}

/** A real OTLP/HTTP endpoint on 127.0.0.1 that records every POST and answers 200 as a collector does. */
export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const received: ReceivedExport[] = [];
  const waiters = new Set<() => void>();
  const server = createServer(async (request, response) => {
    const body = await readBody(request);
    received.push({ path: request.url ?? '', contentType: request.headers['content-type'] ?? '', body });
    for (const wake of waiters) wake();
    const json = (request.headers['content-type'] ?? '').includes('json');
    response.writeHead(200, { 'content-type': json ? 'application/json' : 'application/x-protobuf' });
    response.end(json ? '{}' : undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    received,
    waitFor(match, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = received.find(match);
          if (!found) return;
          cleanup();
          resolve(found);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(
            new Error(
              `no matching OTLP export within ${timeoutMs} ms (got ${received.map((r) => r.path).join(', ') || 'nothing'})`,
            ),
          );
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
