import { describe, expect, it } from 'vitest';
import { withProgress } from './with-progress.mjs';

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

describe('withProgress: the demo says what it waits for while it starts', () => {
  it('says what it waits for, repeats it with the elapsed time, and says when it is done', async () => {
    const lines = [];
    let clock = 0;
    const result = await withProgress(
      'the local backend on port 4000',
      async () => {
        clock = 2500;
        await pause(60);
        clock = 7250;
        return 'ready-line';
      },
      { every: 20, write: (line) => lines.push(line), now: () => clock },
    );
    expect(result).toBe('ready-line');
    expect(lines[0]).toBe('[demo] waiting for the local backend on port 4000…');
    expect(lines).toContain('[demo] still waiting for the local backend on port 4000 (2.5s)');
    expect(lines.at(-1)).toBe('[demo] the local backend on port 4000: ready after 7.3s');
  });

  it('passes a failure on, after saying so', async () => {
    const lines = [];
    const failing = withProgress(
      'the example app to build (next build)',
      async () => {
        throw new Error('next build failed (1)');
      },
      { write: (line) => lines.push(line), now: () => 0 },
    );
    await expect(failing).rejects.toThrow('next build failed (1)');
    expect(lines.at(-1)).toBe('[demo] the example app to build (next build): failed after 0.0s');
  });
});
