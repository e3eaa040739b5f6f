import { describe, expect, it } from 'vitest';
import { reverificationError, reverificationErrorResponse } from '../authorization/reverification-error.js';
import { resumeReverification, withReverification } from './with-reverification.js';

/** A browser stand-in: one tab's sessionStorage, its URL and where it was sent. */
function tab(url = 'http://127.0.0.1:3000/sensitive') {
  const items = new Map<string, string>();
  const sentTo: string[] = [];
  return {
    sentTo,
    currentUrl: () => url,
    navigate: (target: string) => void sentTo.push(target),
    storage: {
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => void items.set(key, value),
      removeItem: (key: string) => void items.delete(key),
    },
  };
}

/** An action that asks for reverification until `verified` is set, and records its calls. */
function sensitiveAction(form: 'returned' | 'thrown' | 'response') {
  const state = { verified: false, calls: [] as unknown[][] };
  async function deleteData(...args: unknown[]) {
    state.calls.push(args);
    if (state.verified) return { success: true };
    if (form === 'returned') return reverificationError('strict');
    if (form === 'response') return reverificationErrorResponse({ maxAgeInSeconds: 300, level: 'strict' });
    // What the client receives for a thrown hint: an error keeping only the digest.
    const { digest } = reverificationError({ maxAgeInSeconds: 300, level: 'strict' }) as unknown as { digest: string };
    throw Object.assign(new Error('An error occurred in the Server Components render.'), { digest });
  }
  return { state, deleteData };
}

const signInUrl = 'http://127.0.0.1:4000/sign-in';

describe('withReverification', () => {
  it('passes a result that needs no reverification straight through', async () => {
    const { state, deleteData } = sensitiveAction('returned');
    state.verified = true;
    const browser = tab();
    expect(await withReverification(deleteData, { signInUrl }, browser)('x')).toEqual({ success: true });
    expect(browser.sentTo).toEqual([]);
  });

  for (const form of ['returned', 'thrown', 'response'] as const) {
    it(`sends the user to re-verify on a ${form} hint, then retries with the same arguments on return`, async () => {
      const { state, deleteData } = sensitiveAction(form);
      const before = tab();
      const retried: Promise<unknown>[] = [];
      const options = { signInUrl, onResume: (p: Promise<unknown>) => void retried.push(p) };
      void withReverification(deleteData, options, before)({ id: 7 });
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(before.sentTo).toHaveLength(1);
      const page = new URL(before.sentTo[0]!);
      expect(page.origin + page.pathname).toBe('http://127.0.0.1:4000/reverify');
      expect(page.searchParams.get('level')).toBe('second_factor');
      expect(page.searchParams.get('redirect_url')).toBe('http://127.0.0.1:3000/sensitive');

      // Back on the page (same tab storage), after re-verifying.
      state.verified = true;
      const after = { ...before, sentTo: [] as string[], navigate: (u: string) => void after.sentTo.push(u) };
      expect(resumeReverification(deleteData, options, after)).toBe(true);
      expect(await retried[0]).toEqual({ success: true });
      expect(state.calls).toEqual([[{ id: 7 }], [{ id: 7 }]]);
      expect(after.sentTo).toEqual([]);
      // Once only.
      expect(resumeReverification(deleteData, options, after)).toBe(false);
    });
  }

  it('hands the hint to onResume when the user comes back without re-verifying, and does not send them again', async () => {
    const { deleteData } = sensitiveAction('thrown');
    const browser = tab();
    const retried: Promise<unknown>[] = [];
    const options = { signInUrl, onResume: (p: Promise<unknown>) => void retried.push(p) };
    void withReverification(deleteData, options, browser)();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(resumeReverification(deleteData, options, browser)).toBe(true);
    expect(await retried[0]).toEqual(reverificationError({ maxAgeInSeconds: 300, level: 'strict' }));
    expect(browser.sentTo).toHaveLength(1);
  });

  it("with Clerk's onNeedsReverification: complete() retries once, cancel() rejects with ERR_REVERIFICATION_CANCELLED", async () => {
    const { state, deleteData } = sensitiveAction('returned');
    const browser = tab();
    const levels: unknown[] = [];
    const done = withReverification(
      deleteData,
      {
        onNeedsReverification: ({ level, complete }) => {
          levels.push(level);
          state.verified = true;
          complete();
        },
      },
      browser,
    )();
    expect(await done).toEqual({ success: true });
    expect(levels).toEqual(['second_factor']);
    expect(browser.sentTo).toEqual([]);

    const cancelled = sensitiveAction('returned');
    await expect(
      withReverification(cancelled.deleteData, { onNeedsReverification: ({ cancel }) => cancel() }, browser)(),
    ).rejects.toMatchObject({ code: 'ERR_REVERIFICATION_CANCELLED' });
    expect(cancelled.state.calls).toHaveLength(1);
  });

  it('rethrows other errors, and fails with ERR_REVERIFICATION_URL_MISSING when no page is configured', async () => {
    const browser = tab();
    const boom = async () => {
      throw new Error('database down');
    };
    await expect(withReverification(boom, { signInUrl }, browser)()).rejects.toThrow('database down');
    const { deleteData } = sensitiveAction('returned');
    await expect(withReverification(deleteData, {}, browser)()).rejects.toMatchObject({
      code: 'ERR_REVERIFICATION_URL_MISSING',
    });
    expect(browser.sentTo).toEqual([]);
  });
});
