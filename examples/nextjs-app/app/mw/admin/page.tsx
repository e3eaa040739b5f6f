import { auth } from '@authlens/nextjs/server';

export default async function MiddlewareAdminPage() {
  const { userId, orgRole } = await auth();
  return (
    <div data-testid="mw">
      Admin {userId} ({orgRole})
    </div>
  );
}
