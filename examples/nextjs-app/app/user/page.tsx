// Reference: "Usage Example - Server Component" (currentUser).
import { currentUser } from '@authlens/nextjs/server';

export default async function ProfilePage() {
  const user = await currentUser();

  if (!user) {
    return <div>Not signed in</div>;
  }

  return (
    <div>
      <h1>
        {user.firstName} {user.lastName}
      </h1>
      <p>Email: {user.emailAddresses[0]?.emailAddress}</p>
      <p>Username: {user.username}</p>
      {/* biome-ignore lint/performance/noImgElement: the reference's example uses a plain img */}
      <img src={user.imageUrl} alt="Profile" />
      <p>Member since: {new Date(user.createdAt).toLocaleDateString()}</p>
    </div>
  );
}
