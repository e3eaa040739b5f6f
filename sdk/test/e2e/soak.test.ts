/**
 * The short run of `npm run soak` (soak/run-soak.mjs): ~5,000 mixed requests — five users' session tokens, expired,
 * forged and garbage tokens, valid and made-up `mt_` tokens, M2M JWTs, documents and API requests, 16 at a time —
 * through the example app under `next start` (the build global-setup made) with telemetry exported to a real
 * `authlens-devtools` process, the Backend API killed and restarted, 5 s slow and slower than the SDK's timeout
 * midway; then 100,000 spans through the devtools alone (`--max-requests 10000`). About 4 minutes on 2 idle cores
 * (7 on a machine shared with other test runs), most of it the fault phases.
 * It asserts the same bounds as the full run; the app's memory bound stays 50 MB (a leak shows as growth, and one
 * small enough to pass here fails the 100,000-request run).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runSoak, SHORT_RUN, type SoakResult } from '../../../soak/run-soak.mjs';

let result: SoakResult;

beforeAll(async () => {
  result = await runSoak(SHORT_RUN, { log: (line) => console.error(`[soak] ${line}`) });
}, 15 * 60_000);

const check = (prefix: string) => {
  const found = result.checks.filter((c) => c.name.startsWith(prefix));
  expect(found.length, `a check named "${prefix}…"`).toBeGreaterThan(0);
  return found;
};

describe('soak, short run (Hardening: reliability)', () => {
  it('answers every request as the protection table predicts, through the Backend API faults too', () => {
    const mismatches = result.phases.flatMap((p) => p.samples.map((s) => `${p.name}: ${s}`));
    expect(mismatches).toEqual([]);
    expect(result.phases.reduce((n, p) => n + p.requests, 0)).toBe(SHORT_RUN.requests);
    for (const c of check('every answer')) expect(c.ok, c.value).toBe(true);
  });

  it('fails machine tokens closed while the Backend API is down or too slow: 401, never 200 or 5xx, nothing hangs', () => {
    for (const c of [...check('no 5xx'), ...check('no request hung'), ...check('no request during a fault')]) {
      expect(c.ok, `${c.name}: ${c.value}`).toBe(true);
    }
    const down = result.phases.find((p) => p.name === 'backend down')!;
    expect(down.statuses['401'], 'machine-token requests answered 401 while the backend was down').toBeGreaterThan(0);
    // Networkless session verification kept signing users in (CLERK_JWT_KEY).
    expect(down.statuses['200']).toBeGreaterThan(0);
  });

  it('keeps the app’s resident memory and open file descriptors bounded', () => {
    for (const c of [...check('app resident memory'), ...check('app open file descriptors')]) {
      expect(c.ok, `${c.name}: ${c.value}`).toBe(true);
    }
  });

  it('keeps every SDK cache the app reports within its capacity', () => {
    const names = result.caches.map((c) => c.cache);
    expect(names).toEqual(expect.arrayContaining(['backend_api_clients', 'verified_tokens']));
    for (const c of check('SDK cache')) expect(c.ok, `${c.name}: ${c.value}`).toBe(true);
    // The soak's distinct valid tokens all fit: the cache was used, and is not empty.
    expect(result.caches.find((c) => c.cache === 'verified_tokens')!.maxEntries).toBeGreaterThan(0);
  });

  it('keeps the devtools’ memory flat once its store is full', () => {
    for (const c of check('devtools')) expect(c.ok, `${c.name}: ${c.value}`).toBe(true);
    expect(result.spans.spansSent).toBe(SHORT_RUN.spans);
  });
});
