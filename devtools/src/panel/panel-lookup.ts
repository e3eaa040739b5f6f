import type { DecisionListResponse } from '../server/routes/api-requests.js';
import type { DecisionListItem } from '../server/routes/decision-json.js';

/** Where the in-app panel finds the current request's decision, and what it links to. */
export interface PanelTarget {
  /** The devtools base URL, e.g. `http://localhost:4318`. */
  devtoolsUrl: string;
  /** The page's path (`location.pathname`). */
  path: string;
  /** The request id (`authlens.request.id`) or trace id, when the server knows it: then nothing is guessed. */
  requestId?: string;
  /** The signed-in user, when the server knows it: narrows the guess. */
  userId?: string;
  /** When the page's request started (Unix epoch ms): decisions older than this (less a little) are other visits. */
  sinceMs: number;
}

/** Clocks of the browser and of the app's server may differ a little even on one machine. */
const CLOCK_SLACK_MS = 2000;

/** The API URL that lists candidate decisions for the current page, newest first. */
export function panelQueryUrl(target: PanelTarget): string {
  const base = trimSlash(target.devtoolsUrl);
  if (target.requestId) return `${base}/api/requests/${encodeURIComponent(target.requestId)}`;
  const params = new URLSearchParams({ path: target.path, limit: '20' });
  if (target.userId) params.set('user', target.userId);
  return `${base}/api/requests?${params}`;
}

/**
 * The current request's decision from the API's answer: the one named by id, else the newest decision for exactly
 * this path that started with this page load (the path filter of the API is a substring match).
 */
export function pickPanelDecision(target: PanelTarget, body: unknown): DecisionListItem | null {
  if (target.requestId) return isListItem(body) ? body : null;
  const items = (body as Partial<DecisionListResponse> | null)?.items;
  if (!Array.isArray(items)) return null;
  return (
    items.find(
      (item) =>
        isListItem(item) &&
        item.decision.path === target.path &&
        item.decision.startTimeMs >= target.sinceMs - CLOCK_SLACK_MS,
    ) ?? null
  );
}

/** The dashboard, opened on the decision when found, else filtered to this page's path. */
export function dashboardLink(target: PanelTarget, found: DecisionListItem | null): string {
  const base = trimSlash(target.devtoolsUrl);
  if (found) return `${base}/requests/${encodeURIComponent(found.decision.traceId)}`;
  if (target.requestId) return `${base}/requests/${encodeURIComponent(target.requestId)}`;
  return `${base}/?${new URLSearchParams({ path: target.path })}`;
}

function isListItem(value: unknown): value is DecisionListItem {
  const item = value as Partial<DecisionListItem> | null;
  return (
    typeof item === 'object' &&
    item !== null &&
    typeof item.id === 'string' &&
    typeof item.decision === 'object' &&
    item.decision !== null &&
    typeof item.decision.traceId === 'string'
  );
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
