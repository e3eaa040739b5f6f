import { describe, expect, it } from 'vitest';
import { reverificationError, reverificationErrorResponse } from '../authorization/reverification-error.js';
import { readReverificationHint, readReverificationResponse } from './read-reverification-hint.js';

/** What a thrown value becomes in the browser: React's production error, only the digest kept. */
function asReceivedByTheClient(thrown: unknown): Error {
  return Object.assign(new Error('An error occurred in the Server Components render.'), {
    digest: (thrown as { digest?: string }).digest,
  });
}

describe('readReverificationHint', () => {
  it('recognises a returned hint as it is', () => {
    const hint = reverificationError('strict');
    expect(readReverificationHint(JSON.parse(JSON.stringify(hint)))).toEqual(hint);
  });

  it('recognises a thrown hint from the error the client receives, config included', () => {
    const received = asReceivedByTheClient(reverificationError({ maxAgeInSeconds: 300, level: 'strict' }));
    expect(readReverificationHint(received)).toEqual({
      clerk_error: {
        type: 'forbidden',
        reason: 'reverification-error',
        metadata: { reverification: { maxAgeInSeconds: 300, level: 'strict' } },
      },
    });
  });

  it('is null for other outcomes and other errors', () => {
    expect(readReverificationHint({ success: true })).toBeNull();
    expect(readReverificationHint(Object.assign(new Error('x'), { digest: '2364271845' }))).toBeNull();
    expect(
      readReverificationHint(Object.assign(new Error('x'), { digest: 'NEXT_HTTP_ERROR_FALLBACK;403' })),
    ).toBeNull();
    expect(readReverificationHint(undefined)).toBeNull();
    expect(readReverificationHint('reverification-error')).toBeNull();
  });
});

describe('readReverificationResponse', () => {
  it("recognises reverificationErrorResponse()'s 403 and leaves the response readable", async () => {
    const response = reverificationErrorResponse('strict');
    expect(await readReverificationResponse(response)).toEqual(reverificationError('strict'));
    expect(await response.json()).toEqual(reverificationError('strict'));
  });

  it('is null for another status or another body', async () => {
    expect(
      await readReverificationResponse(new Response(JSON.stringify(reverificationError()), { status: 200 })),
    ).toBeNull();
    expect(await readReverificationResponse(new Response('Forbidden', { status: 403 }))).toBeNull();
    expect(await readReverificationResponse(Response.json({ error: 'nope' }, { status: 403 }))).toBeNull();
  });
});
