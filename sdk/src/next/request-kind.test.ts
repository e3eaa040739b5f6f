import { describe, expect, it } from 'vitest';
import { requestKind } from './request-kind.js';

const kind = (init: Record<string, string>) => requestKind(new Headers(init));

describe('requestKind', () => {
  it('is a document for browser navigations', () => {
    expect(kind({ 'sec-fetch-dest': 'document' })).toBe('document');
    expect(kind({ 'sec-fetch-dest': 'iframe' })).toBe('document');
    expect(kind({ accept: 'text/html,application/xhtml+xml,*/*;q=0.8' })).toBe('document');
  });

  it('is a server action whenever next-action is present, even if it accepts HTML', () => {
    expect(kind({ 'next-action': 'abc', accept: 'text/x-component' })).toBe('server_action');
    expect(kind({ 'next-action': 'abc', accept: 'text/html', 'sec-fetch-dest': 'document' })).toBe('server_action');
  });

  it('is an API request otherwise, including a fetch() of a page route', () => {
    expect(kind({})).toBe('api');
    expect(kind({ accept: 'application/json', 'sec-fetch-dest': 'empty' })).toBe('api');
    expect(kind({ accept: '*/*' })).toBe('api');
    expect(kind({ 'sec-fetch-dest': 'script' })).toBe('api');
  });
});
