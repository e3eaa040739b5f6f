import { Outcome, Reason } from '@authlens/otel';
import { describe, expect, it } from 'vitest';
import { InvalidQueryError } from '../errors.js';
import { middlewareSpan, traceId } from '../test-support/received-spans.js';
import { DecisionStore } from './decision-store.js';
import { parseDecisionQuery, queryDecisions } from './query-decisions.js';

function storeWith(count: number) {
  const store = new DecisionStore({ maxRequests: 100 });
  for (let i = 0; i < count; i++) {
    store.ingest([
      middlewareSpan(traceId(), `req_${i}`, {
        path: i % 2 ? '/admin/users' : '/dashboard',
        userId: `user_${i % 3}`,
        outcome: i % 2 ? Outcome.signed_out : Outcome.signed_in,
        reason: i % 2 ? Reason.expired : Reason.valid_token,
      }),
    ]);
  }
  return store;
}

const query = (search: string) => parseDecisionQuery(new URLSearchParams(search));
const ids = (store: DecisionStore, search: string) => queryDecisions(store, query(search)).items.map((item) => item.id);

describe('parseDecisionQuery', () => {
  it('reads list filters (repeated or comma separated), path, q, limit and cursor', () => {
    expect(query('outcome=a,b&outcome=c&user=u&path=%20/x%20&q=hello&limit=5&cursor=12')).toEqual({
      outcome: ['a', 'b', 'c'],
      user: ['u'],
      path: '/x',
      q: 'hello',
      limit: 5,
      cursor: '12',
    });
    expect(query('')).toEqual({ limit: 100 });
  });

  it('reads hasErrors=1 (or true) as "only requests with an error"', () => {
    expect(query('hasErrors=1')).toEqual({ limit: 100, hasErrors: true });
    expect(query('hasErrors=true&outcome=allowed')).toEqual({ limit: 100, hasErrors: true, outcome: ['allowed'] });
    expect(query('hasErrors=')).toEqual({ limit: 100 });
  });

  it.each([
    'limit=0',
    'limit=1001',
    'limit=ten',
    'limit=1.5',
    'cursor=abc',
    'cursor=-1',
    'hasErrors=0',
    'hasErrors=yes',
  ])('refuses %s', (search) => {
    expect(() => query(search)).toThrow(InvalidQueryError);
  });
});

describe('queryDecisions', () => {
  it('filters and pages newest first', () => {
    const store = storeWith(10);
    expect(ids(store, 'outcome=signed_out&limit=2')).toEqual(['req_9', 'req_7']);
    expect(ids(store, 'reason=expired&user=user_0')).toEqual(['req_9', 'req_3']);
    expect(ids(store, 'path=ADMIN&user=user_1')).toEqual(['req_7', 'req_1']);
    expect(ids(store, 'q=USER_2&outcome=signed_in')).toEqual(['req_8', 'req_2']);
    expect(ids(store, 'kind=api')).toEqual([]);

    const pages: string[][] = [];
    let cursor = '';
    do {
      const page = queryDecisions(store, query(`limit=3&cursor=${cursor}`));
      pages.push(page.items.map((item) => item.id));
      cursor = page.nextCursor ?? '';
    } while (cursor);
    expect(pages).toEqual([
      ['req_9', 'req_8', 'req_7'],
      ['req_6', 'req_5', 'req_4'],
      ['req_3', 'req_2', 'req_1'],
      ['req_0'],
    ]);
  });

  it('hasErrors=1 keeps only the requests with a failed or rate-limited Backend API call or an auth error', () => {
    const store = storeWith(4);
    const failing = middlewareSpan(traceId(), 'req_failing', { path: '/api/user', outcome: Outcome.signed_in });
    store.ingest([
      {
        ...failing,
        status: { code: 2, message: 'boom' },
        attributes: { ...failing.attributes, 'error.type': 'ERR_TEST' },
      },
    ]);
    expect(ids(store, 'hasErrors=1')).toEqual(['req_failing']);
    expect(ids(store, 'hasErrors=1&q=err_test')).toEqual(['req_failing']);
    expect(ids(store, '')).toHaveLength(5);
  });

  it('ends with a null cursor when the last page is exactly full', () => {
    const store = storeWith(4);
    const first = queryDecisions(store, query('limit=2'));
    const second = queryDecisions(store, query(`limit=2&cursor=${first.nextCursor}`));
    expect(second.items.map((item) => item.id)).toEqual(['req_1', 'req_0']);
    expect(second.nextCursor).toBeNull();
  });
});
