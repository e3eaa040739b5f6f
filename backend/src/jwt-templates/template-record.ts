import { INSTANCE_SIGNING_ALGORITHM, type SigningAlgorithm } from '../keys/signing-algorithms.js';
import type { ReadView } from '../store/store.js';

export const JWT_TEMPLATES = 'jwt_templates';

export interface JwtTemplateRecord {
  readonly id: string;
  readonly name: string;
  readonly claims: Readonly<Record<string, unknown>>;
  /** Token lifetime in seconds (Clerk: 30 … 315360000, default 60). */
  readonly lifetime: number;
  /** Seconds of `nbf` leeway before `iat` (Clerk: 0 … 300, default 5). */
  readonly allowed_clock_skew: number;
  /** The template's own key (`custom_signing_key`): PKCS#8 PEM, or an HS* secret. Never returned by the API. */
  readonly signing_key?: string | null;
  /** Its algorithm; absent or RS256 with the instance key. */
  readonly signing_algorithm?: SigningAlgorithm;
  readonly created_at: number;
  readonly updated_at: number;
  readonly [key: string]: unknown;
}

export function findTemplate(view: ReadView, nameOrId: string): JwtTemplateRecord | undefined {
  return (
    view.get<JwtTemplateRecord>(JWT_TEMPLATES, nameOrId) ??
    view.list<JwtTemplateRecord>(JWT_TEMPLATES).find((t) => t.name === nameOrId)
  );
}

export function templateJSON(t: JwtTemplateRecord) {
  return {
    object: 'jwt_template',
    id: t.id,
    name: t.name,
    claims: t.claims,
    lifetime: t.lifetime,
    allowed_clock_skew: t.allowed_clock_skew,
    custom_signing_key: Boolean(t.signing_key),
    signing_algorithm: t.signing_key ? (t.signing_algorithm ?? INSTANCE_SIGNING_ALGORITHM) : INSTANCE_SIGNING_ALGORITHM,
    created_at: t.created_at,
    updated_at: t.updated_at,
  };
}
