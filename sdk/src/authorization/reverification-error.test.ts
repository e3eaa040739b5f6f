import {
  reverificationError as clerkReverificationError,
  reverificationErrorResponse as clerkReverificationErrorResponse,
} from '@clerk/shared/authorization-errors';
import { describe, expect, it } from 'vitest';
import { readReverificationDigest } from './reverification-digest.js';
import { isReverificationHint, reverificationError, reverificationErrorResponse } from './reverification-error.js';

describe('reverificationError', () => {
  it('is the forbidden/reverification-error hint with the config as metadata', () => {
    expect(reverificationError({ maxAgeInSeconds: 300, level: 'strict' })).toEqual({
      clerk_error: {
        type: 'forbidden',
        reason: 'reverification-error',
        metadata: { reverification: { maxAgeInSeconds: 300, level: 'strict' } },
      },
    });
  });

  it('is exactly what @clerk/shared produces, with and without a config', () => {
    for (const cfg of [
      undefined,
      'strict',
      { level: 'second_factor', afterMinutes: 10 },
      { maxAgeInSeconds: 300 },
    ] as const) {
      expect(JSON.stringify(reverificationError(cfg))).toBe(JSON.stringify(clerkReverificationError(cfg as any)));
      expect(reverificationError(cfg)).toStrictEqual(clerkReverificationError(cfg as any));
    }
  });

  it("takes the reference's config, Clerk's, or a preset, and nothing else (types)", () => {
    expect(reverificationError({ maxAgeInSeconds: 300, level: 'strict' }).clerk_error.metadata?.reverification).toEqual(
      {
        maxAgeInSeconds: 300,
        level: 'strict',
      },
    );
    // @ts-expect-error the reference types `level` as a string
    reverificationError({ level: 3 });
    // @ts-expect-error not a preset
    reverificationError('sometimes');
    // @ts-expect-error `maxAgeInSeconds` is a number
    reverificationErrorResponse({ maxAgeInSeconds: '300' });
  });

  it('is recognised as a hint; other values are not', () => {
    expect(isReverificationHint(reverificationError())).toBe(true);
    expect(isReverificationHint({ clerk_error: { type: 'forbidden' } })).toBe(false);
    expect(isReverificationHint(null)).toBe(false);
  });
});

describe('reverificationErrorResponse', () => {
  it('is a 403 with the hint as JSON, like @clerk/shared', async () => {
    const cfg = { maxAgeInSeconds: 300, level: 'strict' };
    const ours = reverificationErrorResponse(cfg);
    const clerk = clerkReverificationErrorResponse(cfg as any);
    expect(ours.status).toBe(403);
    expect(await ours.json()).toEqual(reverificationError(cfg));
    expect(await reverificationErrorResponse(cfg).text()).toBe(await clerk.text());
    expect(ours.headers.get('content-type')).toBe(clerk.headers.get('content-type'));
  });

  it('omits metadata.reverification from the body when no config is given', async () => {
    expect(await reverificationErrorResponse().json()).toEqual({
      clerk_error: { type: 'forbidden', reason: 'reverification-error', metadata: {} },
    });
  });
});

describe('a thrown reverificationError() (Server Actions)', () => {
  // Next's own checks, from the installed next: what its action handler and error handler do with a thrown value.
  const loadNext = async () => ({
    fallback: (await import('next/dist/client/components/http-access-fallback/http-access-fallback.js')) as unknown as {
      isHTTPAccessFallbackError(error: unknown): boolean;
      getAccessFallbackHTTPStatus(error: unknown): number;
    },
    errors: (await import('next/dist/server/app-render/create-error-handler.js')) as unknown as {
      getDigestForWellKnownError(error: unknown): string | undefined;
    },
  });

  it("is Next's 403 access fallback, so the action answers 403 and its digest reaches the client unchanged", async () => {
    const { fallback, errors } = await loadNext();
    const hint = reverificationError({ maxAgeInSeconds: 300, level: 'strict' });
    expect(fallback.isHTTPAccessFallbackError(hint)).toBe(true);
    expect(fallback.getAccessFallbackHTTPStatus(hint)).toBe(403);
    const digest = errors.getDigestForWellKnownError(hint);
    expect(readReverificationDigest(digest)).toEqual({ config: { maxAgeInSeconds: 300, level: 'strict' } });
    expect(readReverificationDigest((reverificationError() as unknown as { digest: string }).digest)).toEqual({
      config: undefined,
    });
  });

  it('keeps the digest out of the returned object: JSON, keys and spreads see only clerk_error', () => {
    const hint = reverificationError('strict');
    expect(Object.keys(hint)).toEqual(['clerk_error']);
    expect({ ...hint }).toEqual({ clerk_error: hint.clerk_error });
    expect(JSON.parse(JSON.stringify(hint))).toEqual({
      clerk_error: { type: 'forbidden', reason: 'reverification-error', metadata: { reverification: 'strict' } },
    });
  });

  it('reads only its own digests', () => {
    expect(readReverificationDigest('NEXT_HTTP_ERROR_FALLBACK;403')).toBeNull();
    expect(readReverificationDigest('NEXT_HTTP_ERROR_FALLBACK;403;reverification-error;{oops')).toBeNull();
    expect(readReverificationDigest('NEXT_HTTP_ERROR_FALLBACK;403;reverification-error;[1]')).toBeNull();
    expect(readReverificationDigest('12345')).toBeNull();
    expect(readReverificationDigest(undefined)).toBeNull();
  });
});
