import { type CurrentUserCall, DEDUPE_RESULT_DESCRIPTIONS } from '@authlens/otel';
import { formatDuration, words } from '../lib/format.js';

/**
 * Start order, except that a joined call comes after the call it waited for: concurrent calls may start in either
 * order, but the one that made the Backend API call (the miss of the same user) is the one the other joined.
 */
export function inServedOrder(calls: readonly CurrentUserCall[]): CurrentUserCall[] {
  const ordered: CurrentUserCall[] = [];
  const waiting: CurrentUserCall[] = [];
  calls.forEach((call, i) => {
    const missLater = calls.slice(i + 1).some((c) => c.dedupe === 'miss' && c.userId === call.userId);
    if (call.dedupe === 'joined' && missLater) {
      waiting.push(call);
      return;
    }
    ordered.push(call);
    if (call.dedupe === 'miss') {
      for (const joined of waiting.filter((w) => w.userId === call.userId)) ordered.push(joined);
      waiting.splice(0, waiting.length, ...waiting.filter((w) => w.userId !== call.userId));
    }
  });
  return [...ordered, ...waiting];
}

/** Every `currentUser()` call in start order (a joined call after the one it waited for), with how it was served. */
export function CurrentUserCalls({ calls }: { calls: readonly CurrentUserCall[] }) {
  if (calls.length === 0) return <p className="muted">currentUser() not called.</p>;
  return (
    <ol className="plain current-user-calls">
      {inServedOrder(calls).map((call) => (
        <li
          key={call.spanId}
          data-dedupe={call.dedupe ?? ''}
          title={call.dedupe ? DEDUPE_RESULT_DESCRIPTIONS[call.dedupe] : undefined}
        >
          <span className={`dedupe dedupe-${call.dedupe ?? 'none'}`}>{words(call.dedupe ?? 'signed out')}</span>
          {` ${call.userId ?? ''} · ${formatDuration(call.durationMs)}`}
        </li>
      ))}
    </ol>
  );
}
