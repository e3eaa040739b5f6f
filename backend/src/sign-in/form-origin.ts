/**
 * The CSRF guard of the pages' forms (sign-in, sign-up, sign-out): a POST is accepted only when the browser says it
 * comes from this backend itself or from an allowed origin (`Origin` header). A missing or `null` Origin, another
 * site, or another port of the same host (same-site, but another origin) is refused before anything is read or
 * written — so no page can sign the developer in as someone else, or out.
 */
export interface FormOriginRule {
  /** The origins of this backend: as the request reached it (`Host`), and its own URL. */
  ownOrigins: readonly string[];
  allowedOrigins: ReadonlySet<string>;
}

export function formOriginAccepted(req: Request, rule: FormOriginRule): boolean {
  const origin = req.headers.get('origin');
  if (!origin || origin === 'null') return false;
  return rule.ownOrigins.includes(origin) || rule.allowedOrigins.has(origin);
}
