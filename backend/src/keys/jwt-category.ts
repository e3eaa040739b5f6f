/**
 * Clerk's token categories, stamped in the protected JOSE header (`cat`) so that verifiers can tell apart JWTs that
 * one instance key signs: a session token (and a handshake token), a JWT-template token, an M2M JWT.
 */
export const JWT_CATEGORY_SESSION_TOKEN = 'cl_B7d4PD111AAA';
export const JWT_CATEGORY_JWT_TEMPLATE = 'cl_B7d4PD222AAA';
export const JWT_CATEGORY_M2M_TOKEN = 'cl_B7d4PD333AAA';

export type JwtCategory =
  | typeof JWT_CATEGORY_SESSION_TOKEN
  | typeof JWT_CATEGORY_JWT_TEMPLATE
  | typeof JWT_CATEGORY_M2M_TOKEN;
