// Which of the demo's ports another process already holds, each with the environment variable that moves it.
import { createServer } from 'node:net';

/** Resolves true when nothing listens on host:port (we could bind it, and released it at once). */
export function isPortFree(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

/**
 * @param {{ name: string, port: number, variable: string }[]} ports
 * @returns {Promise<string[]>} one sentence per port in use, naming the variable that changes it
 */
export async function busyPorts(ports) {
  const messages = [];
  for (const { name, port, variable } of ports) {
    if (!(await isPortFree(port))) {
      messages.push(`port ${port} (${name}) is in use: stop what holds it, or set ${variable} to a free port`);
    }
  }
  return messages;
}
