import type { BackendCall } from '@authlens/otel';
import { formatDuration } from '../lib/format.js';

/** Every Backend API call of the request with the rate-limit budget it left. */
export function BackendCalls({ calls }: { calls: readonly BackendCall[] }) {
  if (calls.length === 0) return <p className="muted">No Backend API calls.</p>;
  return (
    <table className="calls">
      <thead>
        <tr>
          <th>Call</th>
          <th>Status</th>
          <th>Budget left</th>
          <th>Retries</th>
          <th>Time</th>
        </tr>
      </thead>
      <tbody>
        {calls.map((call) => (
          <tr key={call.spanId}>
            <td>
              <code>{`${call.method ?? '?'} ${call.pathTemplate ?? '(unknown path)'}`}</code>
              {call.errorType && <span className="error-type">{call.errorType}</span>}
            </td>
            <td>{call.statusCode ?? '—'}</td>
            <td>
              {call.rateLimitRemaining === null
                ? '—'
                : `${call.rateLimitRemaining}${call.rateLimitLimit !== null ? ` / ${call.rateLimitLimit}` : ''}`}
            </td>
            <td>
              {call.retryCount > 0
                ? `${call.retryCount}${call.retryAfter !== null ? ` (Retry-After ${call.retryAfter} s)` : ''}`
                : '0'}
            </td>
            <td>{formatDuration(call.durationMs)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
