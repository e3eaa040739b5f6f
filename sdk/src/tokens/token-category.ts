/**
 * Clerk marks some JWTs with a category in the `cat` header. Absent means an
 * older token and is accepted as a session token, as @clerk/backend does.
 */
export const JWT_CATEGORY_SESSION_TOKEN = 'cl_B7d4PD111AAA';
export const JWT_CATEGORY_JWT_TEMPLATE = 'cl_B7d4PD222AAA';
export const JWT_CATEGORY_M2M_TOKEN = 'cl_B7d4PD333AAA';
export const JWT_CATEGORY_IGNORE = 'cl_I7d4PD111III';

export function isNonSessionCategory(cat: unknown): boolean {
  return cat !== undefined && cat !== JWT_CATEGORY_SESSION_TOKEN && cat !== JWT_CATEGORY_IGNORE;
}
