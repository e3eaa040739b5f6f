import { describe, expect, it } from 'vitest';
import { requestKind } from './request-kind.js';

const kind = (init: Record<string, string>) => requestKind(new Headers(init));

describe('requestKind', () => {
  it('is a document for browser navigations', () => {
    expect(kind({ 'sec-fetch-dest': 'document' })).toBe('document');
    expect(kind({ 'sec-fetch-dest': 'iframe' })).toBe('document');
    expect(kind({ accept: 'text/html,application/xhtml+xml,*/*;q=0.8' })).toBe('document');
  });

  it('is a document for App Router navigations (rsc: 1), prefetches included', () => {
    expect(kind({ rsc: '1', accept: '*/*', 'sec-fetch-dest': 'empty' })).toBe('document');
    expect(kind({ rsc: '1', 'next-router-prefetch': '1', 'sec-fetch-dest': 'empty' })).toBe('document');
    // What Next's Node.js middleware sees of it: Next strips the flight headers, next-url stays.
    expect(kind({ 'next-url': '/dashboard', accept: '*/*', 'sec-fetch-dest': 'empty' })).toBe('document');
    // A server action posts with rsc-like headers too: next-action decides.
    expect(kind({ rsc: '1', 'next-action': 'abc' })).toBe('server_action');
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
    expect(kind({ rsc: '0', accept: '*/*' })).toBe('api');
  });
});
