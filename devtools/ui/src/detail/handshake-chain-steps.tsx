import { type HandshakeChain, type HandshakeChainStep, REASON_DESCRIPTIONS, type Reason } from '@authlens/otel';
import { formatDuration, words } from '../lib/format.js';
import { outcomeTone } from '../lib/outcome-tone.js';

const STEP_LABELS: { readonly [K in HandshakeChainStep['kind']]: string } = {
  handshake: 'Handshake redirect',
  resolution: 'Handshake resolved',
  redirect: 'Redirected',
  request: 'Request it led to',
};

const LOOP_TEXT: { readonly [L in NonNullable<HandshakeChain['loop']>]: string } = {
  handshake_loop: 'Loop: the loop counter stopped the handshake after 3 redirects; the request went on signed out.',
  revisits: 'Loop: the chain redirected to the handshake 3 times within 10 s.',
};

/** A handshake round trip step by step: each redirect, its resolution, and the request it led to. */
export function HandshakeChainSteps({ chain }: { chain: HandshakeChain }) {
  const start = chain.steps[0]!.startTimeMs;
  return (
    <section aria-label="Handshake round trip" className="chain-steps">
      <h3>Handshake round trip</h3>
      <p>
        {'Why: '}
        <span title={chain.reason ? REASON_DESCRIPTIONS[chain.reason as Reason] : undefined}>
          {words(chain.reason)}
        </span>
        {chain.reason ? ` — ${REASON_DESCRIPTIONS[chain.reason as Reason]}` : ''}
      </p>
      {chain.loop && (
        <p className="loop-warning" role="alert">
          {LOOP_TEXT[chain.loop]}
        </p>
      )}
      <ol className="steps">
        {chain.steps.map((step) => (
          <li key={`${step.kind}:${step.startTimeMs}:${step.record.traceId}`} data-step={step.kind}>
            <span className="step-time">+{formatDuration(step.startTimeMs - start)}</span>
            <span className="step-kind">{STEP_LABELS[step.kind]}</span>
            <span className={`tone-${outcomeTone(step.outcome)}`}>
              <span className="badge">
                {words(step.outcome)}
                {step.statusCode !== null ? ` (${step.statusCode})` : ''}
              </span>
            </span>
            <span className="step-reason">{words(step.reason)}</span>
            {/* Request ids are UUIDs: the first block tells the steps apart, the title has the whole id. */}
            <a
              href={`/requests/${step.record.traceId}`}
              title={`Open request ${step.record.requestId ?? step.record.traceId}`}
            >
              <code>{(step.record.requestId ?? step.record.traceId).slice(0, 8)}</code>
            </a>
          </li>
        ))}
      </ol>
      {!chain.complete && <p className="muted">The request it led to has not arrived (yet).</p>}
    </section>
  );
}
