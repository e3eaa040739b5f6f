// currentUser() from several components of one render: one Backend API call.
import { currentUser } from '@authlens/nextjs/server';

async function Name() {
  const user = await currentUser();
  return <p>Name: {user?.firstName}</p>;
}

async function Email() {
  const user = await currentUser();
  return <p>Email: {user?.emailAddresses[0]?.emailAddress}</p>;
}

export default async function DedupePage() {
  const user = await currentUser();
  return (
    <div>
      <h1 data-testid="username">{user?.username ?? 'nobody'}</h1>
      <Name />
      <Email />
    </div>
  );
}
