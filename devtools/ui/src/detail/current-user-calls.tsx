import { type CurrentUserCall, DEDUPE_RESULT_DESCRIPTIONS } from '@authlens/otel';
import { formatDuration, words } from '../lib/format.js';

/** Every `currentUser()` call in start order (a joined call after the one it waited for), with how it was served. */
export function CurrentUserCalls({ calls }: { calls: readonly CurrentUserCall[] }) {
  if (calls.length === 0) return <p className="muted">currentUser() not called.</p>;
  return (
    <ol className="plain current-user-calls">
      {calls.map((call) => (
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
