import type { VerifiedAuthState } from '../auth-state.js';
import type { HasParams } from '../types.js';
import { meetsReverification } from './reverification.js';

type Check = 'pass' | 'fail' | 'skip';

/** `admin`, `org:admin` and `org:org:admin` all mean `org:admin`. */
export function withOrgPrefix(value: string): string {
  return value.replace(/^(org:)*/, 'org:');
}

const ORG_SCOPES = new Set(['o', 'org', 'organization']);
const USER_SCOPES = new Set(['u', 'user']);

/** Names granted by a `fea`/`pla` claim, per scope; null when an entry has no scope (Clerk denies). */
function byScope(entries: readonly string[]): { org: string[]; user: string[] } | null {
  const org: string[] = [];
  const user: string[] = [];
  for (const raw of entries) {
    const entry = raw.trim();
    const colon = entry.indexOf(':');
    if (colon === -1) return null;
    const scope = entry.slice(0, colon);
    const name = entry.slice(colon + 1);
    if (scope === 'o') org.push(name);
    else if (scope === 'u') user.push(name);
    else if (scope === 'ou' || scope === 'uo') {
      org.push(name);
      user.push(name);
    }
  }
  return { org, user };
}

/** `feature: 'x'` (either scope), `'org:x'`/`'o:x'`, `'user:x'`/`'u:x'`. */
function grants(entries: readonly string[], asked: string): boolean {
  if (entries.length === 0) return false;
  const scoped = byScope(entries);
  if (!scoped) return false;
  const [rawScope = '', rawId] = asked.split(':');
  if (rawId === undefined) return scoped.org.includes(rawScope) || scoped.user.includes(rawScope);
  const id = rawId || rawScope;
  if (ORG_SCOPES.has(rawScope)) return scoped.org.includes(id);
  if (USER_SCOPES.has(rawScope)) return scoped.user.includes(id);
  return false;
}

function organizationCheck(
  params: HasParams,
  state: { orgId: string | null; orgRole: string | null; orgPermissions: string[] | null },
): Check {
  const { role, permission } = params;
  if (role === undefined && permission === undefined) return 'skip';
  if (role !== undefined && typeof role !== 'string') return 'fail';
  if (permission !== undefined && typeof permission !== 'string') return 'fail';
  if (!state.orgId) return 'fail';
  if (role !== undefined && (!state.orgRole || withOrgPrefix(state.orgRole) !== withOrgPrefix(role))) return 'fail';
  if (permission !== undefined && !(state.orgPermissions ?? []).includes(withOrgPrefix(permission))) return 'fail';
  return 'pass';
}

function billingCheck(params: HasParams, state: { features: readonly string[]; plans: readonly string[] }): Check {
  const { feature, plan } = params;
  if (feature === undefined && plan === undefined) return 'skip';
  if (feature !== undefined && (typeof feature !== 'string' || !grants(state.features, feature))) return 'fail';
  if (plan !== undefined && (typeof plan !== 'string' || !grants(state.plans, plan))) return 'fail';
  return 'pass';
}

const denyAll = (): boolean => false;

/**
 * `has()` for a verified caller, with Clerk's semantics: every dimension asked
 * (role/permission, feature/plan, reverification) must pass, at least one must
 * be asked, and there is nothing to have when signed out or for machine tokens.
 * Roles and permissions are org-scoped and need an active organization.
 */
export function createHas(state: VerifiedAuthState | null | undefined): (params: HasParams) => boolean {
  if (state?.tokenType !== 'session_token' || !state.userId) return denyAll;
  return (params) => {
    if (typeof params !== 'object' || params === null) return false;
    const checks: Check[] = [
      organizationCheck(params, state),
      billingCheck(params, state),
      params.reverification === undefined
        ? 'skip'
        : meetsReverification(params.reverification, state.factorVerificationAge)
          ? 'pass'
          : 'fail',
    ];
    return checks.includes('pass') && !checks.includes('fail');
  };
}
