import { describe, expect, it } from 'vitest';
import { requestKind } from './request-kind.js';
import { requestKindSignal } from './request-kind-signal.js';

describe('requestKindSignal: the header that made the request kind', () => {
  it('names the header that decided the kind', () => {
    const cases: [Record<string, string>, string, string][] = [
      [{ 'next-action': 'abc', 'sec-fetch-dest': 'empty' }, 'server_action', 'next-action'],
      [{ 'sec-fetch-dest': 'document' }, 'document', 'sec-fetch-dest: document'],
      [{ 'sec-fetch-dest': 'iframe' }, 'document', 'sec-fetch-dest: iframe'],
      [{ rsc: '1' }, 'document', 'rsc: 1'],
      [{ 'next-url': '/x' }, 'document', 'next-url'],
      [{ accept: 'text/html,*/*' }, 'document', 'accept: text/html'],
      [{ accept: 'application/json', 'sec-fetch-dest': 'empty' }, 'api', 'none'],
    ];
    for (const [headers, kind, signal] of cases) {
      expect([requestKind(new Headers(headers)), requestKindSignal(new Headers(headers))]).toEqual([kind, signal]);
    }
  });
});
