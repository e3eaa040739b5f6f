import { describe, expect, it } from 'vitest';
import { controlFlowOf, throwNotFound, throwRedirect, throwUnauthorized } from './control-flow.js';

function caught(fn: () => never): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('did not throw');
}

describe('control flow', () => {
  it('reads the redirect Next.js throws, URL with semicolons included', () => {
    expect(controlFlowOf(caught(() => throwRedirect('http://b.test/sign-in?redirect_url=a;b')))).toEqual({
      type: 'redirect',
      url: 'http://b.test/sign-in?redirect_url=a;b',
      status: 307,
    });
  });

  it('reads notFound() as 404 and our unauthorized as 401', () => {
    expect(controlFlowOf(caught(throwNotFound))).toEqual({ type: 'http', status: 404 });
    expect(controlFlowOf(caught(throwUnauthorized))).toEqual({ type: 'http', status: 401 });
  });

  it('ignores every other error', () => {
    expect(controlFlowOf(new Error('x'))).toBeNull();
    expect(controlFlowOf(null)).toBeNull();
    expect(controlFlowOf(Object.assign(new Error('x'), { digest: 'NEXT_HTTP_ERROR_FALLBACK;500' }))).toBeNull();
    expect(controlFlowOf(Object.assign(new Error('x'), { digest: 'DYNAMIC_SERVER_USAGE' }))).toBeNull();
  });
});
