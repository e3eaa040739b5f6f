// Reference: "Usage Example - Server Component" (auth), plus the signed-in user's name for the browser test.
import { auth, currentUser } from '@authlens/nextjs/server';
import { appOrigin } from '../../lib/app-url';
import { signOutHref } from '../../lib/settings';

export default async function DashboardPage() {
  const { userId, sessionId, orgId } = await auth();

  if (!userId) {
    return <div>Not authenticated</div>;
  }

  const user = await currentUser();
  const signOut = signOutHref(`${await appOrigin()}/`);
  return (
    <div>
      <h1>Dashboard</h1>
      <p data-testid="greeting">
        Hello {user?.firstName} {user?.lastName}
      </p>
      <p>User ID: {userId}</p>
      <p>Session ID: {sessionId}</p>
      {orgId && <p>Organization ID: {orgId}</p>}
      {signOut && (
        // The backend signs out on a POST only (a GET from any page must not end the session).
        <form method="post" action={signOut}>
          <button type="submit" data-testid="sign-out">
            Sign out
          </button>
        </form>
      )}
    </div>
  );
}
