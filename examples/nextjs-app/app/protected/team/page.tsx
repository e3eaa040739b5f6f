// Reference: "Usage Example - Permission-Based Protection".
import { auth } from '@authlens/nextjs/server';

export default async function TeamManagementPage() {
  // Returns 404 if user doesn't have permission
  await auth.protect({ permission: 'org:team:manage' });

  return <div>Team Management</div>;
}
