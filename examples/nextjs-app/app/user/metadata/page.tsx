// Reference: "Usage Example - Access Metadata".
import { currentUser } from '@authlens/nextjs/server';

export default async function DashboardPage() {
  const user = await currentUser();

  if (!user) {
    return <div>Not signed in</div>;
  }

  // Access different metadata types
  const preferences = user.publicMetadata.preferences;
  const subscription = user.publicMetadata.subscription;
  const customData = user.unsafeMetadata.customData;

  return (
    <div>
      <h1>Dashboard</h1>
      <p>Subscription: {subscription?.tier}</p>
      <p>Theme: {preferences?.theme}</p>
      {customData !== undefined && <p>Custom data: {JSON.stringify(customData)}</p>}
    </div>
  );
}
