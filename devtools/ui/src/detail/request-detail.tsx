import {
  DEDUPE_RESULT_DESCRIPTIONS,
  DedupeResult,
  type HandshakeChain,
  REASON_DESCRIPTIONS,
  type Reason,
} from '@authlens/otel';
import { useEffect, useRef } from 'react';
import { sessionStatusOf } from '../../../src/shared/session-status.js';
import type { DecisionDetailResponse } from '../api/devtools-api.js';
import type { DetailState } from '../api/use-request-detail.js';
import { formatClock, formatDuration, words } from '../lib/format.js';
import { outcomeTone } from '../lib/outcome-tone.js';
import { BackendCalls } from './backend-calls.js';
import { CurrentUserCalls } from './current-user-calls.js';
import { HandshakeChainSteps } from './handshake-chain-steps.js';
import { RequestPathFacts } from './request-path-facts.js';
import { SpanWaterfall } from './span-waterfall.js';
import { TokenTiming } from './token-timing.js';

interface RequestDetailProps {
  id: string;
  result: DetailState;
  /** The handshake round trip the request is a step of, when it is one. */
  chain?: HandshakeChain | undefined;
  onClose: () => void;
}

/** One request: the decision in words, the facts behind it, its Backend API calls and its span waterfall. */
export function RequestDetail({ id, result, chain, onClose }: RequestDetailProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <aside className="detail" aria-label="Request detail">
      <header>
        <h2 ref={heading} tabIndex={-1}>
          {result.state === 'found'
            ? `${result.detail.decision.method ?? ''} ${result.detail.decision.path ?? result.detail.decision.route ?? ''}`
            : 'Request'}
        </h2>
        <button type="button" className="close" onClick={onClose} aria-label="Close (Esc)" title="Close (Esc)">
          ×
        </button>
      </header>
      {result.state === 'loading' && <p className="muted">Loading…</p>}
      {result.state === 'missing' && (
        <p className="muted">
          No stored request has the id <code>{id}</code> yet. It appears here as soon as its spans arrive.
        </p>
      )}
      {result.state === 'failed' && <p className="error">{result.message}</p>}
      {chain && <HandshakeChainSteps chain={chain} />}
      {result.state === 'found' && <DetailBody detail={result.detail} />}
    </aside>
  );
}

function DetailBody({ detail }: { detail: DecisionDetailResponse }) {
  const d = detail.decision;
  const dedupeHits = d.currentUserCalls.filter((call) => call.dedupe === DedupeResult.hit).length;
  const joined = d.currentUserCalls.filter((call) => call.dedupe === DedupeResult.joined).length;
  const facts: [string, string, string?][] = [
    ['Time', `${formatClock(d.startTimeMs)} (${new Date(d.startTimeMs).toISOString()})`],
    ['Request id', d.requestId ?? '—'],
    ['Trace id', d.traceIds.join(', ')],
    ['Kind', words(d.requestKind)],
    ['Token', `${words(d.tokenType)} from ${words(d.tokenSource)}`],
    ['Session', `${words(sessionStatusOf(d))}${d.pendingPolicy ? ` (pending policy: ${words(d.pendingPolicy)})` : ''}`],
    ['User', d.userId ?? '—'],
    ['Session id', d.sessionId ?? '—'],
    ['Organization', d.orgId ? `${d.orgId}${d.orgRole ? ` as ${d.orgRole}` : ''}` : '—'],
    ['Reason', words(d.reason), d.reason ? REASON_DESCRIPTIONS[d.reason as Reason] : undefined],
    ['Auth time', formatDuration(d.authLatencyMs)],
    [
      'currentUser()',
      d.currentUserCalls.length === 0
        ? 'not called'
        : `${d.currentUserCalls.length} call(s), ${dedupeHits} dedupe hit(s), ${joined} joined: ${d.currentUserCalls
            .map((call) => words(call.dedupe))
            .join(', ')}`,
      d.currentUserCalls[0]?.dedupe ? DEDUPE_RESULT_DESCRIPTIONS[d.currentUserCalls[0].dedupe] : undefined,
    ],
  ];
  return (
    <div className="detail-body">
      <p className={`verdict tone-${outcomeTone(d.outcome)}`}>
        <span className="badge">
          {words(d.outcome)}
          {d.statusCode !== null ? ` (${d.statusCode})` : ''}
        </span>
      </p>
      <section aria-label="Why">
        <h3>Why</h3>
        <ul className="explanation">
          {detail.explanation.map((sentence) => (
            <li key={sentence}>{sentence}</li>
          ))}
        </ul>
      </section>
      <RequestPathFacts decision={d} />
      <section aria-label="Facts">
        <h3>Facts</h3>
        <dl className="facts">
          {facts.map(([name, value, hint]) => (
            <div key={name}>
              <dt>{name}</dt>
              <dd title={hint}>{value}</dd>
            </div>
          ))}
        </dl>
      </section>
      {d.protectCalls.length > 0 && (
        <section aria-label="auth.protect() calls">
          <h3>auth.protect()</h3>
          <ul className="plain">
            {d.protectCalls.map((call) => (
              <li key={call.spanId}>
                {`${words(call.requirementKind)}${call.requirementValue ? ` ${call.requirementValue}` : ''} → ${words(call.outcome)}${call.statusCode !== null ? ` (${call.statusCode})` : ''}, ${words(call.reason)}`}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-label="Token timing">
        <h3>Token timing</h3>
        <TokenTiming verifications={d.verifications} tokenSource={d.tokenSource} />
      </section>
      {d.currentUserCalls.length > 0 && (
        <section aria-label="currentUser() calls">
          <h3>currentUser()</h3>
          <CurrentUserCalls calls={d.currentUserCalls} />
        </section>
      )}
      <section aria-label="Backend API calls">
        <h3>Backend API calls</h3>
        <BackendCalls calls={d.backendCalls} />
      </section>
      <section aria-label="Spans">
        <h3>Spans</h3>
        <SpanWaterfall spans={detail.spans} />
      </section>
      <p className="muted">
        Link to this request: <a href={`/requests/${d.traceId}`}>{`/requests/${d.traceId}`}</a>
      </p>
    </div>
  );
}
