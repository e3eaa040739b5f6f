// The dashboard's first render with 10k requests stored: time from navigation to the list's first rows, and to the
// whole list loaded, in headless Chromium, beside a baseline measured in the same run — the same dashboard with
// 10 requests stored. The machines are shared: the two alternate, ROUNDS times, and each side's best round counts.
// Run after `npm run build -w otel -w devtools`: `node devtools/bench/first-render.bench.mjs`.
import { AttributeName as A, INSTRUMENTATION_SCOPE, Outcome, Reason, RequestKind, SpanName } from '@authlens/otel';
import { launchChromiumContext } from '../../test-support/chromium.mjs';
import { startDevtools } from '../dist/index.js';

const LARGE = 10_000;
const SMALL = 10;
const ROUNDS = 3;
const PER_EXPORT = 500;

const OUTCOMES = [
  [Outcome.allowed, Reason.authorized, null],
  [Outcome.not_found, Reason.role_missing, 404],
  [Outcome.redirect_sign_in, Reason.missing_token, 307],
  [Outcome.signed_in, Reason.pending_as_signed_in, null],
];

const str = (key, value) => ({ key, value: { stringValue: value } });
const int = (key, value) => ({ key, value: { intValue: String(value) } });
const nanos = (ms) => String(BigInt(Math.round(ms)) * 1_000_000n);
const hex = (n, length) => n.toString(16).padStart(length, '0');

/** One OTLP/JSON export with requests `from`…`to`-1: a middleware and a protect span each, as the SDK names them. */
function exportBody(from, to, t0) {
  const spans = [];
  for (let i = from; i < to; i++) {
    const [outcome, reason, status] = OUTCOMES[i % OUTCOMES.length];
    const traceId = hex(i + 1, 32);
    const start = t0 + i * 10;
    const common = [str(A.requestId, `req_${i}`)];
    spans.push({
      traceId,
      spanId: hex(2 * i + 1, 16),
      name: SpanName.middleware,
      kind: 2,
      startTimeUnixNano: nanos(start),
      endTimeUnixNano: nanos(start + 2),
      attributes: [
        ...common,
        str(A.httpRequestMethod, 'GET'),
        str(A.urlPath, `/page/${i % 100}`),
        str(A.requestKind, RequestKind.document),
        str(A.userId, `user_${i % 50}`),
        str(A.outcome, Outcome.signed_in),
        str(A.reason, Reason.valid_token),
      ],
    });
    spans.push({
      traceId,
      spanId: hex(2 * i + 2, 16),
      name: SpanName.protect,
      kind: 1,
      startTimeUnixNano: nanos(start + 3),
      endTimeUnixNano: nanos(start + 4),
      attributes: [
        ...common,
        str(A.protectRequirementKind, 'role'),
        str(A.protectRequirementValue, 'org:admin'),
        str(A.outcome, outcome),
        str(A.reason, reason),
        ...(status ? [int(A.httpResponseStatusCode, status)] : []),
      ],
    });
  }
  return {
    resourceSpans: [
      {
        resource: { attributes: [str('service.name', 'bench-app')] },
        scopeSpans: [{ scope: { name: INSTRUMENTATION_SCOPE }, spans }],
      },
    ],
  };
}

async function devtoolsWith(count) {
  const devtools = await startDevtools({ port: 0, maxRequests: LARGE });
  const t0 = Date.now() - count * 10 - 60_000;
  for (let from = 0; from < count; from += PER_EXPORT) {
    const response = await fetch(`${devtools.url}/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(exportBody(from, Math.min(count, from + PER_EXPORT), t0)),
    });
    if (!response.ok) throw new Error(`ingest answered ${response.status}`);
  }
  const stored = devtools.stats().store.decisions;
  if (stored !== count) throw new Error(`expected ${count} decisions stored, got ${stored}`);
  return devtools;
}

/** Loads the dashboard in a fresh page; the page records when the first rows and the whole list were in the DOM. */
async function firstRender(context, url, count) {
  const page = await context.newPage();
  await page.addInitScript((expected) => {
    const marks = {};
    window.__authlensMarks = marks;
    new MutationObserver((_, observer) => {
      if (marks.firstRows === undefined && document.querySelector('tbody tr.row')) marks.firstRows = performance.now();
      if (marks.allLoaded === undefined && document.querySelector('.count')?.textContent === `${expected} requests`) {
        marks.allLoaded = performance.now();
        marks.rowsInDom = document.querySelectorAll('tbody tr.row').length;
        observer.disconnect();
      }
    }).observe(document, { subtree: true, childList: true, characterData: true });
  }, count);
  await page.goto(url);
  await page.waitForFunction(() => window.__authlensMarks?.allLoaded !== undefined, null, { timeout: 60_000 });
  const marks = await page.evaluate(() => window.__authlensMarks);
  await page.close();
  return marks;
}

const small = await devtoolsWith(SMALL);
const large = await devtoolsWith(LARGE);
const browser = await launchChromiumContext({ viewport: { width: 1440, height: 900 } });
const context = browser.context;

const best = { small: null, large: null };
const keepBest = (side, marks) => {
  const current = best[side];
  best[side] = {
    firstRows: Math.min(current?.firstRows ?? Infinity, marks.firstRows),
    allLoaded: Math.min(current?.allLoaded ?? Infinity, marks.allLoaded),
    rowsInDom: marks.rowsInDom,
  };
};
try {
  await firstRender(context, small.url, SMALL); // warm-up: Chromium's first page pays for its own start
  for (let round = 0; round < ROUNDS; round++) {
    keepBest('small', await firstRender(context, small.url, SMALL));
    keepBest('large', await firstRender(context, large.url, LARGE));
  }
} finally {
  await browser.close();
  await small.close();
  await large.close();
}

const ms = (value) => `${value.toFixed(0)} ms`.padStart(11);
const row = (label, side) =>
  console.log(`  ${label.padEnd(26)}${ms(side.firstRows)}${ms(side.allLoaded)}${String(side.rowsInDom).padStart(13)}`);
console.log(`dashboard first render, best of ${ROUNDS} (ms from navigation start, headless Chromium)`);
console.log(`  ${''.padEnd(26)}${'first rows'.padStart(11)}${'all loaded'.padStart(11)}${'rows in DOM'.padStart(13)}`);
row(`baseline: ${SMALL} requests`, best.small);
row(`dashboard: ${LARGE} requests`, best.large);
console.log(
  `  ratio (10k / baseline): first rows ${(best.large.firstRows / best.small.firstRows).toFixed(2)}×, all loaded ${(best.large.allLoaded / best.small.allLoaded).toFixed(2)}×`,
);
