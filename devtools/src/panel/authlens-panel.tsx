'use client';

import { type CSSProperties, useEffect, useState } from 'react';
import type { DecisionListItem } from '../server/routes/decision-json.js';
import { dashboardLink, type PanelTarget, panelQueryUrl, pickPanelDecision } from './panel-lookup.js';

export interface AuthlensPanelProps {
  /** The devtools base URL. Default `http://localhost:4318`. */
  devtoolsUrl?: string;
  /** The current request's id (`authlens.request.id`) or trace id, if the server component knows it. */
  requestId?: string;
  /** The signed-in user id, if the server component knows it (from `auth()`): narrows the lookup. */
  userId?: string;
  /** Render the badge. Default: only when `NODE_ENV` is `development`. */
  enabled?: boolean;
}

const POLL_MS = 1000;
/** Exporters batch spans (5 s by default): keep looking a while longer than that. */
const GIVE_UP_MS = 20_000;

const TONES: Record<string, string> = {
  allowed: '#2f9e44',
  signed_in: '#2f9e44',
  signed_out: '#868e96',
  redirect_sign_in: '#e8a30c',
  redirect_unauthenticated_url: '#e8a30c',
  redirect_unauthorized_url: '#e8a30c',
  redirect_sign_up: '#e8a30c',
  not_found: '#e03131',
  unauthorized: '#e03131',
};

type PanelState =
  | { state: 'looking' }
  | { state: 'found'; item: DecisionListItem }
  | { state: 'not-found' }
  | { state: 'unreachable' };

/**
 * A small badge in the corner of the app (development only) with the auth decision of the request that rendered
 * the page, read from the authlens devtools, linking to the dashboard on that request. Put it in the root layout:
 * `<AuthlensPanel />`.
 */
export function AuthlensPanel({
  devtoolsUrl = 'http://localhost:4318',
  requestId,
  userId,
  enabled = isDevelopment(),
}: AuthlensPanelProps) {
  const [target, setTarget] = useState<PanelTarget | null>(null);
  const [result, setResult] = useState<PanelState>({ state: 'looking' });

  // The page's path and load time are known in the browser only (the badge renders nothing on the server).
  useEffect(() => {
    if (!enabled) return;
    setResult({ state: 'looking' });
    setTarget({ devtoolsUrl, requestId, userId, path: location.pathname, sinceMs: performance.timeOrigin });
  }, [enabled, devtoolsUrl, requestId, userId]);

  useEffect(() => {
    if (!target || !/^https?:\/\//i.test(target.devtoolsUrl)) return;
    const controller = new AbortController();
    const started = Date.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const look = async () => {
      try {
        const response = await fetch(panelQueryUrl(target), { signal: controller.signal });
        const found = response.ok ? pickPanelDecision(target, await response.json()) : null;
        if (found) return setResult({ state: 'found', item: found });
      } catch {
        if (controller.signal.aborted) return;
        if (Date.now() - started > GIVE_UP_MS) return setResult({ state: 'unreachable' });
      }
      if (Date.now() - started > GIVE_UP_MS) return setResult({ state: 'not-found' });
      timer = setTimeout(look, POLL_MS);
    };
    void look();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [target]);

  if (!enabled || !target || !/^https?:\/\//i.test(target.devtoolsUrl)) return null;
  const found = result.state === 'found' ? result.item.decision : null;
  // A pending session (tasks left, e.g. choosing an organization) is signed in or not depending on the app's policy:
  // the badge says so, whatever the outcome.
  const pending = found?.sessionStatus === 'pending';
  const label = found
    ? `${(found.outcome ?? 'no outcome').replaceAll('_', ' ')}${found.statusCode !== null ? ` ${found.statusCode}` : ''} · ${found.authLatencyMs.toFixed(1)} ms`
    : result.state === 'looking'
      ? 'waiting for spans…'
      : result.state === 'unreachable'
        ? 'devtools not reachable'
        : 'no decision recorded';
  const title = found
    ? [
        found.userId ? `user ${found.userId}` : 'no user',
        pending
          ? `session pending (${found.pendingPolicy === 'as_signed_out' ? 'treated as signed out' : 'treated as signed in'})`
          : null,
        found.reason ? `reason ${found.reason}` : null,
      ]
        .filter(Boolean)
        .join(', ')
    : `Open the authlens devtools at ${target.devtoolsUrl}`;
  return (
    <a
      href={dashboardLink(target, result.state === 'found' ? result.item : null)}
      target="_blank"
      rel="noreferrer"
      title={title}
      data-authlens-panel={result.state}
      data-outcome={found?.outcome ?? ''}
      data-session-status={found?.sessionStatus ?? ''}
      style={{ ...BADGE, background: found ? (TONES[found.outcome ?? ''] ?? '#495057') : '#495057' }}
    >
      <strong style={{ fontWeight: 600 }}>authlens</strong> {label}
      {pending && <span style={PENDING_MARK}>session pending</span>}
    </a>
  );
}

const BADGE: CSSProperties = {
  position: 'fixed',
  right: 12,
  bottom: 12,
  zIndex: 2147483647,
  padding: '4px 10px',
  borderRadius: 999,
  color: '#fff',
  font: '12px/1.5 system-ui, sans-serif',
  textDecoration: 'none',
  boxShadow: '0 1px 4px rgba(0,0,0,.25)',
};

const PENDING_MARK: CSSProperties = {
  marginLeft: 6,
  padding: '0 6px',
  borderRadius: 999,
  background: '#fff',
  color: '#5f3dc4',
  fontWeight: 600,
};

/** `process.env.NODE_ENV` as bundlers inline it; false where neither a bundler nor `process` provides it. */
function isDevelopment(): boolean {
  try {
    return process.env.NODE_ENV === 'development';
  } catch {
    return false;
  }
}
