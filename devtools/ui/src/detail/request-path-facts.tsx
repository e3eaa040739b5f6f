import type { DecisionRecord } from '@authlens/otel';
import { decisionErrors } from '../../../src/shared/decision-errors.js';

/**
 * What the list answers at a glance, in full: did the middleware run (and which `createRouteMatcher` pattern
 * matched), why the request has its kind, where a redirect sent the browser, and every error with its message.
 */
export function RequestPathFacts({ decision: d }: { decision: DecisionRecord }) {
  const errors = decisionErrors(d);
  const ran = d.middlewarePasses.length > 0;
  const facts: [string, string][] = [
    [
      'Middleware ran',
      ran
        ? `yes${d.route ? ` (createRouteMatcher matched ${d.route})` : ''}`
        : `no: the middleware's config.matcher does not cover ${d.path ?? d.route ?? 'this path'} — add it to the matcher in proxy.ts (or middleware.ts)`,
    ],
    ['Kind because', kindBecause(d.requestKindSignal)],
  ];
  if (d.serverActionId) facts.push(['Server action', d.serverActionId]);
  if (d.userName) facts.push(['User name', d.userName]);
  if (d.redirectTarget) facts.push(['Redirected to', d.redirectTarget]);
  return (
    <section aria-label="Request path">
      <h3>Request path</h3>
      <dl className="facts request-path-facts">
        {facts.map(([name, value]) => (
          <div key={name}>
            <dt>{name}</dt>
            <dd data-fact={name}>{value}</dd>
          </div>
        ))}
      </dl>
      {errors.length > 0 && (
        <ul className="plain errors" aria-label="Errors">
          {errors.map((error) => (
            <li key={error.code}>
              <code>{error.code}</code>
              {error.message ? `: ${error.message}` : ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** What each header the middleware classified by means (see the request-kind table in docs/architecture.md). */
const SIGNAL_MEANINGS: Readonly<Record<string, string>> = {
  'next-action': 'a Server Action call',
  'sec-fetch-dest: document': 'the browser loading a page',
  'sec-fetch-dest: iframe': 'the browser loading a frame',
  'rsc: 1': 'an App Router navigation (<Link>, router.push, a prefetch)',
  'next-url': 'an App Router navigation (<Link>, router.push, a prefetch; Next removes rsc: 1 before the middleware)',
  'accept: text/html': 'a client asking for HTML',
  none: 'no header said document or server action, so an API request',
};

/** The header that made the request kind, and what it means: "next-url — an App Router navigation (…)". */
function kindBecause(signal: string | null): string {
  if (signal === null) return '—';
  const meaning = SIGNAL_MEANINGS[signal];
  return meaning ? `${signal} — ${meaning}` : signal;
}
