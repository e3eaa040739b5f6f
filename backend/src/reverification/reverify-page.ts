import { escapeHtml, htmlDocument } from '../sign-in/html.js';
import { DEV_VERIFICATION_CODE } from './dev-verification-code.js';
import type { FactorsToVerify, ReverificationLevel } from './factors-to-verify.js';

export interface ReverifyPageModel {
  /** Who is re-verifying (a display name, never an email). */
  displayName: string;
  level: ReverificationLevel;
  factors: FactorsToVerify;
  /** Echoed into the form, so the POST returns where the GET was asked to. */
  redirectUrl: string | null;
  error?: { code: string; message: string } | undefined;
}

const LEVEL_TEXT: Record<ReverificationLevel, string> = {
  first_factor: 'your first factor',
  second_factor: 'your second factor (your first when you have none)',
  multi_factor: 'both factors',
};

/** The re-verify form: the password or the dev code for the first factor, the dev code for the second. No JavaScript. */
export function renderReverifyPage(model: ReverifyPageModel): string {
  const { factors } = model;
  const error = model.error
    ? `<div class="error" role="alert"><p><strong>${escapeHtml(model.error.code)}</strong>: ${escapeHtml(model.error.message)}</p></div>`
    : '';
  const fields = [
    factors.first === 'password'
      ? '<label>Password <input type="password" name="password" autocomplete="current-password" required></label>'
      : '',
    factors.first === 'code'
      ? `<label>Verification code (this user has no password; the local backend's code is ${DEV_VERIFICATION_CODE}) <input type="text" name="code" inputmode="numeric" autocomplete="one-time-code" required></label>`
      : '',
    factors.second
      ? `<label>Second factor code (the local backend's code is ${DEV_VERIFICATION_CODE}) <input type="text" name="second_factor_code" inputmode="numeric" autocomplete="one-time-code" required></label>`
      : '',
  ].join('\n');
  const query = new URLSearchParams({ level: model.level });
  if (model.redirectUrl) query.set('redirect_url', model.redirectUrl);
  return htmlDocument(
    'Verify it’s you — authlens local backend',
    `<main>
<h1>Verify it’s you</h1>
<p>Signed in as <strong>${escapeHtml(model.displayName)}</strong>. This action needs ${LEVEL_TEXT[model.level]} verified again.</p>
${model.redirectUrl ? `<p>Afterwards you return to <code>${escapeHtml(model.redirectUrl)}</code>.</p>` : ''}
${error}
<form class="user" method="post" action="/reverify?${escapeHtml(query.toString())}" aria-label="Verify">
<fieldset>
${fields}
</fieldset>
<button type="submit" data-testid="reverify">Verify</button>
</form>
</main>`,
  );
}
