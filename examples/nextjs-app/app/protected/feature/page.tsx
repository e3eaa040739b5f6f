// Reference: "Usage Example - Custom Condition".
import { auth } from '@authlens/nextjs/server';

export default async function FeaturePage() {
  // Custom authorization logic
  await auth.protect((has) => {
    return has({ permission: 'feature:access' }) || has({ role: 'admin' });
  });

  return <div>Feature Content</div>;
}
