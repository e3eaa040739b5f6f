// Says what the demo is waiting for while it waits, with the time so far, and how long it took.

/**
 * @template T
 * @param {string} what e.g. "the example app's build (next build)"
 * @param {() => Promise<T>} work
 * @param {{ every?: number, write?: (line: string) => void, now?: () => number }} [options]
 * @returns {Promise<T>}
 */
export async function withProgress(what, work, options = {}) {
  const { every = 5000, write = (line) => process.stderr.write(`${line}\n`), now = () => performance.now() } = options;
  const started = now();
  const elapsed = () => `${((now() - started) / 1000).toFixed(1)}s`;
  write(`[demo] waiting for ${what}…`);
  const ticker = setInterval(() => write(`[demo] still waiting for ${what} (${elapsed()})`), every);
  try {
    const result = await work();
    write(`[demo] ${what}: ready after ${elapsed()}`);
    return result;
  } catch (error) {
    write(`[demo] ${what}: failed after ${elapsed()}`);
    throw error;
  } finally {
    clearInterval(ticker);
  }
}
