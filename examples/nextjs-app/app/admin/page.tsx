// Reference: "Usage Example - Check Permissions".
import { auth } from '@authlens/nextjs/server';

export default async function AdminPage() {
  const { userId, has } = await auth();

  if (!userId) {
    return <div>Not authenticated</div>;
  }

  const isAdmin = has({ role: 'admin' });
  const canManageTeam = has({ permission: 'org:team:manage' });

  if (!isAdmin) {
    return <div>Access denied</div>;
  }

  return (
    <div>
      <h1>Admin Panel</h1>
      {canManageTeam && <button type="button">Manage Team</button>}
    </div>
  );
}
