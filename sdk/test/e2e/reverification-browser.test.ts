/**
 * Reverification end to end in a real browser: the example's reference Server Action (throws the hint), Clerk's
 * returned form and the reference Route Handler (403) ask for `strict`; `useReverification()` sends the user to the
 * backend's re-verify page and retries once they are back. Without re-verifying the action keeps answering with the
 * reverification error (a 403, never a 500) and nothing is deleted.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChromiumContext, launchChromiumContext } from '../../../test-support/chromium.mjs';
import { e2e } from './support/context.js';

let browser: ChromiumContext;
let context: BrowserContext;

beforeAll(async () => {
  browser = await launchChromiumContext();
  context = browser.context;
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

/** Signs Alice in on the backend's sign-in page, her first factor verified 30 minutes ago (too long for `strict`). */
async function signInStale(page: Page): Promise<void> {
  const { appUrl, backendUrl } = e2e();
  await page.goto(`${backendUrl}/sign-in?redirect_url=${encodeURIComponent(`${appUrl}/sensitive`)}`);
  const form = page.locator('form:has(button[data-username="alice"])');
  await form.locator('input[name="fva_first_factor"]').fill('30');
  await form.locator('button[data-username="alice"]').click();
  await page.waitForURL(`${appUrl}/sensitive`);
}

/** The `fva` claim of the session token in the browser's cookie. */
async function cookieFva(): Promise<unknown> {
  const token = (await context.cookies(e2e().appUrl)).find((c) => c.name === '__session')!.value;
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')).fva;
}

async function sensitiveDataDeleted(page: Page): Promise<boolean> {
  const body = await page.evaluate(() => fetch('/api/data').then((r) => r.json()));
  return (body as { data: { sensitiveDataDeleted: boolean } }).data.sensitiveDataDeleted;
}

/** Clicks a delete button and waits to be on the backend's re-verify page; its query. */
async function sentToReverify(page: Page, testId: string): Promise<URLSearchParams> {
  const { backendUrl } = e2e();
  await page.click(`[data-testid="${testId}"]`);
  await page.waitForURL((url) => url.href.startsWith(`${backendUrl}/reverify?`));
  return new URL(page.url()).searchParams;
}

async function outcome(page: Page, expected: RegExp): Promise<string> {
  const output = page.locator('[data-testid="outcome"]');
  await expect.poll(async () => (await output.textContent()) ?? '', { timeout: 15_000 }).toMatch(expected);
  return (await output.textContent()) ?? '';
}

describe('reverification in a browser', () => {
  it('the reference’s thrown hint: fails until the user re-verifies on the backend page, then the retry succeeds', async () => {
    const { appUrl } = e2e();
    const page = await context.newPage();
    const actionStatuses: number[] = [];
    page.on('response', (res) => {
      if (res.request().method() === 'POST' && res.url().startsWith(`${appUrl}/sensitive`))
        actionStatuses.push(res.status());
    });
    await signInStale(page);
    expect(await cookieFva()).toEqual([30, -1]);

    // The action throws reverificationError({ maxAgeInSeconds: 300, level: 'strict' }): off to re-verify.
    const query = await sentToReverify(page, 'delete-throwing');
    expect(query.get('level')).toBe('second_factor');
    expect(query.get('redirect_url')).toBe(`${appUrl}/sensitive`);

    // Back without re-verifying: the retried action is refused again, with the hint.
    await page.goto(`${appUrl}/sensitive`);
    expect(JSON.parse(await outcome(page, /reverification-error/))).toEqual({
      clerk_error: {
        type: 'forbidden',
        reason: 'reverification-error',
        metadata: { reverification: { maxAgeInSeconds: 300, level: 'strict' } },
      },
    });
    expect(page.url()).toBe(`${appUrl}/sensitive`);
    expect(await sensitiveDataDeleted(page)).toBe(false);

    // Now re-verify: Alice has no password, so the page asks for the dev code; a wrong one is refused.
    await sentToReverify(page, 'delete-throwing');
    await page.fill('input[name="code"]', '000000');
    await page.click('[data-testid="reverify"]');
    expect(await page.textContent('[role="alert"]')).toContain('form_code_incorrect');
    await page.fill('input[name="code"]', '424242');
    await page.click('[data-testid="reverify"]');
    await page.waitForURL(`${appUrl}/sensitive`);
    expect(await outcome(page, /success/)).toBe('{"success":true}');
    expect(await cookieFva()).toEqual([0, -1]);
    expect(await sensitiveDataDeleted(page)).toBe(true);

    // The first call, the retry without re-verifying, the second call, the retry after it.
    expect(actionStatuses).toEqual([403, 403, 403, 200]);
  });

  it('the Route Handler’s 403 and the returned hint: the same round trip; fresh, they pass straight through', async () => {
    const { appUrl } = e2e();
    const page = await context.newPage();
    await signInStale(page);

    // Back without re-verifying: the retried request gets the 403 again, read as the hint.
    await sentToReverify(page, 'delete-route');
    await page.goto(`${appUrl}/sensitive`);
    expect(JSON.parse(await outcome(page, /reverification-error/))).toEqual({
      clerk_error: {
        type: 'forbidden',
        reason: 'reverification-error',
        metadata: { reverification: { maxAgeInSeconds: 300, level: 'strict' } },
      },
    });

    await sentToReverify(page, 'delete-returning');
    await page.fill('input[name="code"]', '424242');
    await page.click('[data-testid="reverify"]');
    await page.waitForURL(`${appUrl}/sensitive`);
    expect(await outcome(page, /success/)).toBe('{"success":true}');

    // The session is recent now: the Route Handler answers at once, no detour.
    await page.click('[data-testid="delete-route"]');
    expect(await outcome(page, /^200 /)).toMatch(/^200 \{"success":true,"sessionId":"sess_[^"]+","method":"DELETE"\}$/);
    expect(page.url()).toBe(`${appUrl}/sensitive`);
  });
});
