// The redirect chain / loop pass (`linkRedirectChains`) over 10 000 stored requests, beside the ingest of one batch
// of spans (`assembleDecisions` of 100 requests) measured in the same run: the pass must add ≤ 20 ms to a batch.
// Prints the ratio; exits 1 when the budget is exceeded.
import { performance } from 'node:perf_hooks';
import { AttributeName as A, assembleDecisions, linkRedirectChains, SpanName } from '@authlens/otel';

const REQUESTS = 10_000;
const BATCH = 100;
const BUDGET_MS = 20;

/** One middleware span per request: every 10th a signed-out visit redirected to itself (loops), the rest plain. */
function spansFor(count, offset) {
  const spans = [];
  for (let i = 0; i < count; i++) {
    const n = offset + i;
    const redirects = n % 10 === 0;
    const path = redirects ? `/loop/${Math.floor(n / 30)}` : `/page/${n % 97}`;
    spans.push({
      name: SpanName.middleware,
      traceId: n.toString(16).padStart(32, '0'),
      spanId: n.toString(16).padStart(16, '0'),
      startTimeMs: 1_700_000_000_000 + n * 7,
      endTimeMs: 1_700_000_000_000 + n * 7 + 3,
      attributes: {
        [A.requestId]: `req_${n}`,
        [A.httpRequestMethod]: 'GET',
        [A.urlPath]: path,
        [A.requestKind]: 'document',
        [A.outcome]: redirects ? 'redirect_sign_in' : 'signed_in',
        [A.reason]: redirects ? 'missing_token' : 'valid_token',
        ...(redirects ? { [A.httpResponseStatusCode]: 307, [A.redirectTarget]: path } : { [A.sessionId]: 'sess_1' }),
      },
    });
  }
  return spans;
}

function median(run, times = 15) {
  const samples = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  return samples.sort((a, b) => a - b)[Math.floor(times / 2)];
}

const stored = assembleDecisions(spansFor(REQUESTS, 0));
const batch = spansFor(BATCH, REQUESTS);
let chains = [];
const ingestMs = median(() => assembleDecisions(batch));
const chainMs = median(() => {
  chains = linkRedirectChains(stored);
});
const loops = chains.filter((chain) => chain.loop !== null).length;
console.log(`ingest of a batch of ${BATCH} requests: ${ingestMs.toFixed(2)} ms (median)`);
console.log(
  `chain/loop pass over ${REQUESTS} requests: ${chainMs.toFixed(2)} ms (median), ${chains.length} chains, ${loops} loops`,
);
console.log(
  `ratio (batch + pass) / batch: ${((ingestMs + chainMs) / ingestMs).toFixed(2)}×; added ${chainMs.toFixed(2)} ms (budget ${BUDGET_MS} ms)`,
);
if (chainMs > BUDGET_MS) {
  console.error(`FAIL: the chain/loop pass adds ${chainMs.toFixed(2)} ms > ${BUDGET_MS} ms`);
  process.exit(1);
}
