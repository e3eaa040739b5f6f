import { afterEach, describe, expect, it, vi } from 'vitest';

const SECRET = 'sk_test_fleet_for';
const API = 'http://127.0.0.1:1';

describe('sharedFleetStore on the Edge runtime', () => {
  afterEach(() => {
    delete (globalThis as { EdgeRuntime?: unknown }).EdgeRuntime;
    vi.restoreAllMocks();
  });

  it('ignores the Redis URL, keeps state in process, and says so once', async () => {
    vi.resetModules();
    const { sharedFleetStore } = await import('./fleet-for.js');
    (globalThis as { EdgeRuntime?: unknown }).EdgeRuntime = 'edge-runtime';
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});

    expect(sharedFleetStore('redis://127.0.0.1:1', SECRET, API)).toBeNull();
    expect(sharedFleetStore('redis://127.0.0.1:1', SECRET, API)).toBeNull();

    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/ignored on the Edge runtime/);
    expect(String(warn.mock.calls[0]?.[0])).not.toContain(SECRET);
  });

  it('on Node, the same URL and keys share one store', async () => {
    vi.resetModules();
    const { sharedFleetStore, closeFleetStores } = await import('./fleet-for.js');
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const store = sharedFleetStore('redis://127.0.0.1:1', SECRET, API);
    expect(store).not.toBeNull();
    expect(sharedFleetStore('redis://127.0.0.1:1', SECRET, API)).toBe(store);
    await closeFleetStores();
  });
});
