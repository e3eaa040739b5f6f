const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}

/** A complete, script-free HTML document. */
export function htmlDocument(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1f2328}
form.user{border:1px solid #d0d7de;border-radius:8px;padding:1rem;margin:1rem 0}
fieldset{border:0;padding:0;margin:.5rem 0;display:flex;gap:1rem;flex-wrap:wrap;align-items:end}
label{display:flex;flex-direction:column;font-size:.9rem;gap:.25rem}
label.inline{flex-direction:row;align-items:center}
.banned{color:#cf222e;font-weight:600}
.error{border:1px solid #cf222e;background:#ffebe9;padding:1rem;border-radius:8px}
code{background:#f6f8fa;padding:0 .25rem}
</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/** An HTML response with headers suited to a page that sets credentials: never cached, never framed. */
export function htmlResponse(html: string, status = 200, headers?: HeadersInit): Response {
  const out = new Headers(headers);
  out.set('Content-Type', 'text/html; charset=utf-8');
  out.set('Cache-Control', 'no-store');
  out.set('X-Frame-Options', 'DENY');
  out.set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
  // same-origin, not no-referrer: under no-referrer a browser sends `Origin: null` with the page's own form posts,
  // and the forms' CSRF guard needs the real Origin. Other sites still get no Referer (redirect_url stays private).
  out.set('Referrer-Policy', 'same-origin');
  return new Response(html, { status, headers: out });
}
