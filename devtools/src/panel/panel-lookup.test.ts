import { describe, expect, it } from 'vitest';
import { dashboardLink, type PanelTarget, panelQueryUrl, pickPanelDecision } from './panel-lookup.js';

const sinceMs = 1_700_000_000_000;
const target: PanelTarget = { devtoolsUrl: 'http://localhost:4318/', path: '/admin', sinceMs };
const item = (id: string, path: string, startTimeMs: number) => ({
  id,
  receivedAtMs: startTimeMs,
  updatedAtMs: startTimeMs,
  decision: { traceId: `${id}_trace`, path, startTimeMs },
});

describe('the in-app panel lookup', () => {
  it('asks for the decision by id when the server knows it, else for this path (and user)', () => {
    expect(panelQueryUrl({ ...target, requestId: 'req 1' })).toBe('http://localhost:4318/api/requests/req%201');
    expect(panelQueryUrl(target)).toBe('http://localhost:4318/api/requests?path=%2Fadmin&limit=20');
    expect(panelQueryUrl({ ...target, userId: 'user_1' })).toBe(
      'http://localhost:4318/api/requests?path=%2Fadmin&limit=20&user=user_1',
    );
  });

  it('picks the newest decision for exactly this path from this page load, not older visits or longer paths', () => {
    const body = {
      items: [
        item('req_longer', '/admin/users', sinceMs + 50),
        item('req_now', '/admin', sinceMs + 20),
        item('req_before', '/admin', sinceMs - 60_000),
      ],
    };
    expect(pickPanelDecision(target, body)?.id).toBe('req_now');
    expect(pickPanelDecision(target, { items: [item('req_before', '/admin', sinceMs - 60_000)] })).toBeNull();
    expect(pickPanelDecision(target, { error: 'ERR_NOT_FOUND' })).toBeNull();
    expect(pickPanelDecision({ ...target, requestId: 'req_now' }, item('req_now', '/admin', sinceMs))?.id).toBe(
      'req_now',
    );
    expect(pickPanelDecision({ ...target, requestId: 'req_now' }, { error: 'ERR_NOT_FOUND' })).toBeNull();
  });

  it('links to the decision by trace id once found, else to the dashboard filtered to this path', () => {
    expect(dashboardLink(target, item('req_now', '/admin', sinceMs) as never)).toBe(
      'http://localhost:4318/requests/req_now_trace',
    );
    expect(dashboardLink(target, null)).toBe('http://localhost:4318/?path=%2Fadmin');
    expect(dashboardLink({ ...target, requestId: 'req_1' }, null)).toBe('http://localhost:4318/requests/req_1');
  });
});
