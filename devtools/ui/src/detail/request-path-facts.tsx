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
        : 'no: the middleware matcher does not cover this path',
    ],
    ['Kind because', d.requestKindSignal ?? '—'],
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
