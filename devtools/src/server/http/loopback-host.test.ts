import { describe, expect, it } from 'vitest';
import { isLoopbackAddress, requireLoopbackHost } from './loopback-host.js';

const handler = requireLoopbackHost(() => new Response('ok'));
const withHost = (host: string) => handler(new Request('http://devtools.test/api/requests', { headers: { host } }));

describe('requireLoopbackHost', () => {
  it('answers requests addressed to a loopback name', async () => {
    for (const host of ['localhost:4318', '127.0.0.1:4318', '[::1]:4318', 'localhost']) {
      expect((await withHost(host)).status).toBe(200);
    }
  });

  it('refuses other names with 421 (DNS rebinding)', async () => {
    for (const host of ['attacker.example:4318', 'localhost.attacker.example', '10.0.0.5:4318', '']) {
      const response = await withHost(host);
      expect(response.status).toBe(421);
      expect(await response.json()).toMatchObject({ error: 'ERR_MISDIRECTED_HOST' });
    }
  });
});

describe('isLoopbackAddress', () => {
  it('tells loopback listen addresses apart', () => {
    expect(['127.0.0.1', '::1', 'localhost', '127.1.2.3'].map(isLoopbackAddress)).toEqual([true, true, true, true]);
    expect(['0.0.0.0', '::', '192.168.1.2'].map(isLoopbackAddress)).toEqual([false, false, false]);
  });
});
