import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDevtoolsApp, type DevtoolsApp, type DevtoolsAppOptions, type DevtoolsStats } from './app.js';
import { InvalidOptionError } from './errors.js';
import { isLoopbackAddress } from './http/loopback-host.js';
import { toNodeHandler } from './http/node-handler.js';

export interface DevtoolsOptions extends DevtoolsAppOptions {
  /** Default 4318, the OTLP/HTTP port; 0 picks a free one. */
  port?: number;
  /**
   * Default 127.0.0.1: the devtools are for the local machine. Any other (non-loopback) address needs an
   * `ingestToken`, since every machine that can reach it could otherwise send telemetry.
   */
  host?: string;
}

export interface RunningDevtools {
  /** The base URL, e.g. `http://127.0.0.1:4318`: OTLP at `/v1/traces`, the dashboard at `/`. */
  url: string;
  port: number;
  stats(): DevtoolsStats;
  /** Stops accepting, ends open streams, drains forwarding briefly, and flushes persistence. */
  close(): Promise<void>;
  /** The app behind the server (store, metrics), for embedding and tests. */
  app: DevtoolsApp;
}

/** Starts the devtools server (receiver, store, API, dashboard) and resolves once it is listening. */
export async function startDevtools(options: DevtoolsOptions = {}): Promise<RunningDevtools> {
  const port = options.port ?? 4318;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidOptionError('port must be 0–65535');
  const host = options.host ?? '127.0.0.1';
  const loopback = isLoopbackAddress(host);
  if (!loopback && options.ingestToken === undefined) {
    throw new InvalidOptionError(
      `listening on ${host}, beyond loopback, needs an ingest token (--ingest-token <token>, option ingestToken): ` +
        'without one any machine that reaches the port could inject telemetry',
    );
  }
  const app = await createDevtoolsApp({ loopbackOnly: loopback, ...options });
  const log = options.log;
  const server: Server = createServer(
    { keepAliveTimeout: 5000 },
    toNodeHandler(app.fetch, (error) => log?.(`request failed: ${(error as Error)?.stack ?? String(error)}`)),
  );
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await app.close();
    throw error;
  }
  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${hostForUrl}:${address.port}`,
    port: address.port,
    stats: app.stats,
    app,
    close() {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections(); // open event streams would otherwise keep the server up
        await closed;
        await app.close();
      })();
      return closing;
    },
  };
}
