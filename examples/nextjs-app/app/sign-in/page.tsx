// This app's own sign-in page: it sends the visitor to the backend's dev sign-in page.
import { appOrigin } from '../../lib/app-url';
import { signInHref } from '../../lib/settings';

export default async function SignInPage() {
  const href = signInHref(`${await appOrigin()}/dashboard`);
  return (
    <div>
      <h1>Sign in</h1>
      {href ? <a href={href}>Continue to the sign-in page</a> : <p>NEXT_PUBLIC_CLERK_SIGN_IN_URL is not set.</p>}
    </div>
  );
}
