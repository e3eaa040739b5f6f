export default function MiddlewareRedirectPage() {
  return <div data-testid="mw">Signed in (the middleware redirected signed-out visitors)</div>;
}
