import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { DecisionListItem } from './api/devtools-api.js';
import type { LiveDecisions } from './api/live-decisions.js';
import { useRateLimit } from './api/use-rate-limit.js';
import { useRequestDetail } from './api/use-request-detail.js';
import { OutcomeChart } from './charts/outcome-chart.js';
import { RateLimitChart } from './charts/rate-limit-chart.js';
import { RequestDetail } from './detail/request-detail.js';
import { type Filters, filtersFromSearch, filtersToSearch, hasFilters } from './lib/filters.js';
import { type ListRow, listRows } from './lib/list-rows.js';
import { matchesFilters } from './lib/matches-filters.js';
import { pathFromRoute, type Route, routeFromPath } from './lib/route.js';
import { FilterBar } from './list/filter-bar.js';
import { RequestList } from './list/request-list.js';
import { ThemeToggle } from './theme/theme-toggle.js';

const STATUS_LABELS = { connecting: 'connecting…', live: 'live', reconnecting: 'reconnecting…' } as const;

/** The dashboard: charts, filters and the live list, with one request open beside it when the URL names one. */
export function App({ live }: { live: LiveDecisions }) {
  const snapshot = useSyncExternalStore(live.subscribe, live.getSnapshot);
  const [route, setRoute] = useState<Route>(() => routeFromPath(location.pathname));
  const [filters, setFilters] = useState<Filters>(() => filtersFromSearch(location.search));
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const onPop = () => {
      setRoute(routeFromPath(location.pathname));
      setFilters(filtersFromSearch(location.search));
    };
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);

  const navigate = useCallback((next: Route, nextFilters: Filters, mode: 'push' | 'replace') => {
    const url = `${pathFromRoute(next)}${filtersToSearch(nextFilters)}`;
    if (mode === 'push') history.pushState(null, '', url);
    else history.replaceState(null, '', url);
    setRoute(next);
    setFilters(nextFilters);
  }, []);

  const matches = useMemo(() => matchesFilters(filters), [filters]);
  // A handshake round trip is one row; the charts still count every request.
  const shown = useMemo(
    () => listRows(snapshot.items, matches, filters.loop === '1'),
    [snapshot.items, matches, filters.loop],
  );
  const decisions = useMemo(
    () => snapshot.items.flatMap((item) => (matches(item.decision) ? [item.decision] : [])),
    [snapshot.items, matches],
  );

  // The open request, when the list holds it (deep links name a trace id; list ids are request ids).
  const openId = route.view === 'request' ? route.id : null;
  const openItem = useMemo(() => {
    if (openId === null) return undefined;
    const named = (item: DecisionListItem) => item.id === openId || item.decision.traceIds.includes(openId);
    return shown.find(named) ?? snapshot.items.find(named);
  }, [openId, shown, snapshot.items]);
  // The handshake round trip the open request is part of, from any of its steps.
  const openChain = useMemo(
    () =>
      openItem
        ? ((openItem as ListRow).chain ??
          shown.find((row: ListRow) => row.chain?.records.some((record) => record === openItem.decision))?.chain)
        : undefined,
    [openItem, shown],
  );
  useEffect(() => {
    if (openItem) setSelectedId(openItem.id);
  }, [openItem]);

  const open = useCallback(
    (item: DecisionListItem, mode: 'push' | 'replace' = 'push') => {
      setSelectedId(item.id);
      navigate({ view: 'request', id: item.decision.traceId }, filters, mode);
    },
    [filters, navigate],
  );
  const close = useCallback(() => {
    navigate({ view: 'list' }, filters, 'push');
    document.querySelector<HTMLElement>('.list')?.focus();
  }, [filters, navigate]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.metaKey || event.ctrlKey || event.altKey) return;
      const target = event.target as HTMLElement;
      const inField = target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.tagName === 'TEXTAREA';
      if (event.key === 'Escape') {
        if (route.view === 'request') close();
        else if (inField) target.blur();
        return;
      }
      if (target.tagName === 'SELECT' || target.tagName === 'BUTTON' || target.tagName === 'A') return;
      if (inField && !['ArrowDown', 'ArrowUp', 'Enter'].includes(event.key)) return;
      if (event.key === '/') {
        event.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
        return;
      }
      const index = selectedId === null ? -1 : shown.findIndex((item) => item.id === selectedId);
      const move = (delta: number) => {
        event.preventDefault();
        const next = shown[Math.max(0, Math.min(shown.length - 1, index < 0 ? 0 : index + delta))];
        if (!next) return;
        if (route.view === 'request') open(next, 'replace');
        else setSelectedId(next.id);
      };
      switch (event.key) {
        case 'ArrowDown':
        case 'j':
          move(1);
          break;
        case 'ArrowUp':
        case 'k':
          move(-1);
          break;
        case 'Enter': {
          const item = shown[index];
          if (item) {
            event.preventDefault();
            open(item);
          }
          break;
        }
      }
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [route, selectedId, shown, open, close]);

  const rateLimit = useRateLimit(snapshot.version);
  const detail = useRequestDetail(openId ?? '', openItem ? openItem.updatedAtMs : snapshot.version);

  const emptyText = snapshot.loading
    ? 'Loading requests…'
    : snapshot.items.length > 0 && hasFilters(filters)
      ? 'No requests match the filters.'
      : 'No requests yet. Send an app’s OTLP traces to this server’s /v1/traces.';

  return (
    <div className={`app${route.view === 'request' ? ' with-detail' : ''}`}>
      <header className="top">
        <h1>authlens devtools</h1>
        <span className={`status status-${snapshot.status}`} data-status={snapshot.status}>
          {STATUS_LABELS[snapshot.status]}
        </span>
        <span className="keys" aria-hidden="true">
          click or Enter open · ↑↓ / j k move · Esc close · / search
        </span>
        <ThemeToggle />
      </header>
      <div className="charts">
        <OutcomeChart decisions={decisions} />
        <RateLimitChart data={rateLimit} />
      </div>
      <FilterBar
        filters={filters}
        onChange={(next) => navigate(route, next, 'replace')}
        searchRef={searchRef}
        shown={shown.length}
        total={snapshot.items.length}
      />
      <div className="panes">
        <RequestList
          items={shown}
          selectedId={selectedId}
          // From one open detail to another replaces the history entry, as j/k do there.
          onOpen={(item) => open(item, route.view === 'request' ? 'replace' : 'push')}
          emptyText={emptyText}
        />
        {openId !== null && (
          <RequestDetail key={openId} id={openId} result={detail} chain={openChain} onClose={close} />
        )}
      </div>
    </div>
  );
}
