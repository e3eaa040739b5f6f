import { escapeHtml, htmlDocument } from './html.js';

export interface SignUpPageModel {
  redirectUrl: string | null;
  error?: { code: string; message: string } | undefined;
}

/** The dev sign-up page: create a user, then sign in as them. No JavaScript. */
export function renderSignUpPage(model: SignUpPageModel): string {
  const error = model.error
    ? `<div class="error" role="alert"><p><strong>${escapeHtml(model.error.code)}</strong>: ${escapeHtml(model.error.message)}</p></div>`
    : '';
  return htmlDocument(
    'Sign up — authlens local backend',
    `<main>
<h1>Sign up</h1>
<p>Creates a user on this local backend and signs in as them.</p>
${error}
<form method="post" action="/sign-up" aria-label="Sign up">
${model.redirectUrl ? `<input type="hidden" name="redirect_url" value="${escapeHtml(model.redirectUrl)}">` : ''}
<fieldset>
<label>Username <input name="username" autocomplete="username"></label>
<label>Email address <input name="email_address" type="email" autocomplete="email"></label>
<label>First name <input name="first_name" autocomplete="given-name"></label>
<label>Last name <input name="last_name" autocomplete="family-name"></label>
</fieldset>
<button type="submit">Sign up</button>
</form>
<p><a href="/sign-in${model.redirectUrl ? `?redirect_url=${encodeURIComponent(model.redirectUrl)}` : ''}">Sign in instead</a></p>
</main>`,
  );
}
