/**
 * Builds Clerk's v2 session-token claims for a session: `sub`, `sid`, `sts` (only when pending), `v: 2`,
 * `o: { id, rol, slg, per, fpm }` for the active organization, `fva`, `azp`, `pla`/`fea`, `act`, and the times —
 * `iat`, `nbf` 10 s before it (Clerk's leeway for clock drift), `exp` after the lifetime (Clerk's 60 s by default).
 */
import { encodeV2Permissions } from './encode-v2-permissions.js';

export interface SessionClaimsInput {
  userId: string;
  sessionId: string;
  status: 'active' | 'pending';
  /** The active organization, the member's role key (`org:admin`) and that role's permission keys. */
  organization: {
    id: string;
    slug: string;
    role: string;
    permissions: readonly string[];
    plans: readonly string[];
    features: readonly string[];
  } | null;
  userPlans: readonly string[];
  userFeatures: readonly string[];
  /** Minutes since each factor was verified; -1 = not enrolled / never. */
  factorVerificationAge: readonly [number, number];
  actor: Readonly<Record<string, unknown>> | null;
  azp: string | null;
  issuer: string;
  /** Seconds since the epoch. */
  issuedAt: number;
  lifetimeSeconds: number;
  jti: string;
}

export const SESSION_TOKEN_LIFETIME_SECONDS = 60;
export const NOT_BEFORE_LEEWAY_SECONDS = 10;

export function buildSessionClaims(input: SessionClaimsInput): Record<string, unknown> {
  const claims: Record<string, unknown> = {};
  if (input.azp) claims.azp = input.azp;
  claims.exp = input.issuedAt + input.lifetimeSeconds;
  claims.fva = [...input.factorVerificationAge];
  claims.iat = input.issuedAt;
  claims.iss = input.issuer;
  claims.jti = input.jti;
  claims.nbf = input.issuedAt - NOT_BEFORE_LEEWAY_SECONDS;
  claims.sid = input.sessionId;
  if (input.status === 'pending') claims.sts = 'pending';
  claims.sub = input.userId;
  claims.v = 2;
  if (input.actor) claims.act = input.actor;

  const fea: string[] = [];
  const pla: string[] = [];
  const org = input.organization;
  if (org) {
    // Clerk leaves system permissions (org:sys_*) out of session claims to keep tokens small; has() on the server
    // cannot see them (check the role instead), so neither can it here.
    const custom = org.permissions.filter((p) => !p.startsWith('org:sys_'));
    const { orgFeatures, per, fpm } = encodeV2Permissions(custom, org.features);
    const o: Record<string, string> = { id: org.id, rol: org.role.replace(/^org:/, ''), slg: org.slug };
    if (per) {
      o.per = per;
      o.fpm = fpm;
    }
    claims.o = o;
    for (const f of orgFeatures) fea.push(`o:${f}`);
    for (const p of org.plans) pla.push(`o:${p}`);
  }
  for (const f of input.userFeatures) fea.push(`u:${f}`);
  for (const p of input.userPlans) pla.push(`u:${p}`);
  if (fea.length) claims.fea = fea.join(',');
  if (pla.length) claims.pla = pla.join(',');
  return claims;
}
