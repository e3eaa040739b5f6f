import { escapeHtml, htmlDocument } from './html.js';

/**
 * The page `GET /sign-out` shows: one button that POSTs the sign-out. A GET never signs out, so a link or an image
 * on another site cannot end the developer's session. No JavaScript.
 */
export function renderSignOutPage(redirectUrl: string | null): string {
  return htmlDocument(
    'Sign out — authlens local backend',
    `<main>
<h1>Sign out</h1>
<p>Ends this browser's session on the local backend and clears its cookies.</p>
<form method="post" action="/sign-out" aria-label="Sign out">
${redirectUrl ? `<input type="hidden" name="redirect_url" value="${escapeHtml(redirectUrl)}">` : ''}
<button type="submit" data-testid="sign-out-confirm">Sign out</button>
</form>
</main>`,
  );
}
