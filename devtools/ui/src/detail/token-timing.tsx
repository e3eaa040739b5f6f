import type { Verification } from '@authlens/otel';
import { formatClock, formatDuration, words } from '../lib/format.js';

/** `+12 s` / `−30 s`: a claim's time relative to the server clock when the token was judged. */
function relative(claimSeconds: number | null, nowMs: number): string {
  if (claimSeconds === null) return '—';
  const delta = Math.round(claimSeconds - nowMs / 1000);
  const sign = delta > 0 ? '+' : delta < 0 ? '−' : '±';
  return `${formatClock(claimSeconds * 1000)} (now ${sign}${Math.abs(delta)} s)`;
}

function cacheThatAnswered(v: Verification): string {
  if (v.verifiedTokenCacheHit) return 'verified-token cache (no signature check)';
  if (v.jwksCache === 'jwt_key') return 'none: CLERK_JWT_KEY (networkless)';
  if (v.jwksCache) return `JWKS cache ${words(v.jwksCache)}`;
  return '—';
}

/** Every verified or refused token of the request: its time claims against the server clock, key and caches. */
export function TokenTiming({
  verifications,
  tokenSource,
}: {
  verifications: readonly Verification[];
  tokenSource: string | null;
}) {
  if (verifications.length === 0) return <p className="muted">No token verified.</p>;
  return (
    <div className="token-timing">
      {verifications.map((v) => (
        <dl key={v.spanId} className="facts" data-verification={v.result ?? ''}>
          <div>
            <dt>Result</dt>
            <dd>{`${words(v.result)}${v.reason ? ` (${words(v.reason)})` : ''} in ${formatDuration(v.durationMs)}`}</dd>
          </div>
          <div>
            <dt>Server clock</dt>
            <dd>{formatClock(v.timeMs)}</dd>
          </div>
          <div>
            <dt>iat</dt>
            <dd data-claim="iat">{relative(v.issuedAt, v.timeMs)}</dd>
          </div>
          <div>
            <dt>nbf</dt>
            <dd data-claim="nbf">{relative(v.notBefore, v.timeMs)}</dd>
          </div>
          <div>
            <dt>exp</dt>
            <dd data-claim="exp">{relative(v.expiresAt, v.timeMs)}</dd>
          </div>
          <div>
            <dt>Skew allowed</dt>
            <dd data-claim="skew">{v.clockSkewMs === null ? '—' : `${v.clockSkewMs / 1000} s`}</dd>
          </div>
          <div>
            <dt>Key</dt>
            <dd>{`${v.algorithm ?? '—'}, kid ${v.kid ?? '—'}`}</dd>
          </div>
          <div>
            <dt>Source</dt>
            <dd>{`${words(v.tokenType)} from ${words(tokenSource)}`}</dd>
          </div>
          <div>
            <dt>Cache</dt>
            <dd data-claim="cache">{cacheThatAnswered(v)}</dd>
          </div>
        </dl>
      ))}
    </div>
  );
}
