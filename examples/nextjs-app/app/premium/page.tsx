// Reference: "Usage Example - Custom Redirect URLs".
import { auth } from '@authlens/nextjs/server';

export default async function PremiumPage() {
  await auth.protect(
    { role: 'premium' },
    {
      unauthenticatedUrl: '/sign-in',
      unauthorizedUrl: '/upgrade',
    },
  );

  return <div>Premium Content</div>;
}
