import { MAX_FRONTEND_TOKEN_SECONDS } from '../clients/token-lifetime.js';
import { escapeHtml, htmlDocument } from './html.js';
import { pendingByDefault, secondFactorAgeByDefault } from './sign-in-defaults.js';
import { PENDING_CHECKBOX_MARKER } from './sign-in-form.js';

/** One organization a user can choose as the session's active organization. */
export interface SignInOrganizationChoice {
  id: string;
  name: string;
  role: string;
}

/** What the page shows about one user. */
export interface SignInUserChoice {
  id: string;
  username: string | null;
  displayName: string;
  banned: boolean;
  twoFactorEnabled: boolean;
  organizations: SignInOrganizationChoice[];
}

export interface SignInPageModel {
  users: SignInUserChoice[];
  /** Echoed into every form so the POST redirects where the GET was asked to. */
  redirectUrl: string | null;
  /** Shown above the list, e.g. why the last attempt failed. */
  error?: { code: string; message: string } | undefined;
  /** The session token lifetime a sign-in gets when its form leaves `token_lifetime_seconds` empty. */
  defaultTokenLifetimeSeconds: number;
}

function userForm(user: SignInUserChoice, redirectUrl: string | null, defaultLifetime: number): string {
  const key = escapeHtml(user.id);
  const label = escapeHtml(user.displayName);
  const username = user.username ?? '';
  const orgOptions = [
    '<option value="">None</option>',
    ...user.organizations.map(
      (org, index) =>
        `<option value="${escapeHtml(org.id)}"${index === 0 ? ' selected' : ''}>${escapeHtml(org.name)} (${escapeHtml(org.role)})</option>`,
    ),
  ].join('');
  const pendingChecked = pendingByDefault(user.username) ? ' checked' : '';
  const secondFactorDefault = secondFactorAgeByDefault(user.twoFactorEnabled);
  return `<form class="user" method="post" action="/sign-in" aria-label="Sign in as ${label}">
<h2>${label}${user.username ? ` <small>@${escapeHtml(user.username)}</small>` : ''}${user.banned ? ' <span class="banned">(banned)</span>' : ''}</h2>
<input type="hidden" name="user_id" value="${key}">
${redirectUrl ? `<input type="hidden" name="redirect_url" value="${escapeHtml(redirectUrl)}">` : ''}
<fieldset>
<label>Active organization
<select name="active_organization_id">${orgOptions}</select></label>
<input type="hidden" name="${PENDING_CHECKBOX_MARKER}" value="1">
<label class="inline"><input type="checkbox" name="pending" value="true"${pendingChecked}> Pending session</label>
<label>First factor age (minutes, -1 = not enrolled)
<input type="number" name="fva_first_factor" value="0" min="-1" step="1" required></label>
<label>Second factor age (minutes, -1 = not enrolled)
<input type="number" name="fva_second_factor" value="${secondFactorDefault}" min="-1" step="1" required></label>
<label>Session token lifetime (seconds, empty = ${defaultLifetime})
<input type="number" name="token_lifetime_seconds" min="1" max="${MAX_FRONTEND_TOKEN_SECONDS}" step="1" placeholder="${defaultLifetime}"></label>
</fieldset>
<button type="submit" data-username="${escapeHtml(username)}" data-user-id="${key}">Sign in as ${label}</button>
</form>`;
}

/** The dev sign-in page: every user with a form to sign in as them. No JavaScript. */
export function renderSignInPage(model: SignInPageModel): string {
  const error = model.error
    ? `<div class="error" role="alert"><p><strong>${escapeHtml(model.error.code)}</strong>: ${escapeHtml(model.error.message)}</p></div>`
    : '';
  const target = model.redirectUrl
    ? `<p>After signing in you return to <code>${escapeHtml(model.redirectUrl)}</code>.</p>`
    : '<p>No <code>redirect_url</code> was given: after signing in this page shows the session.</p>';
  const users = model.users.length
    ? model.users.map((user) => userForm(user, model.redirectUrl, model.defaultTokenLifetimeSeconds)).join('\n')
    : '<p>No users yet. Start the backend with <code>--seed demo</code> or <a href="/sign-up">sign up</a>.</p>';
  return htmlDocument(
    'Sign in — authlens local backend',
    `<main>
<h1>Sign in</h1>
<p>Local development sign-in: pick a user. Nothing here asks for a password.</p>
${target}
${error}
${users}
<p><a href="/sign-up${model.redirectUrl ? `?redirect_url=${encodeURIComponent(model.redirectUrl)}` : ''}">Create a user instead</a></p>
</main>`,
  );
}

/** A page naming why a request could not be completed (e.g. a refused redirect_url). */
export function renderProblemPage(title: string, code: string, message: string): string {
  return htmlDocument(
    `${title} — authlens local backend`,
    `<main>
<h1>${escapeHtml(title)}</h1>
<div class="error" role="alert"><p><strong>${escapeHtml(code)}</strong>: ${escapeHtml(message)}</p></div>
<p><a href="/sign-in">Back to sign-in</a></p>
</main>`,
  );
}
