// Reference: "Usage Example - Role-Based Protection".
import { auth } from '@authlens/nextjs/server';

export default async function AdminPage() {
  // Returns 404 if user doesn't have admin role
  const { userId } = await auth.protect({ role: 'admin' });

  return <div>Admin Panel for {userId}</div>;
}
