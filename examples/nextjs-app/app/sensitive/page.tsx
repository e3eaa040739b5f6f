import { connection } from 'next/server';
import { setting } from '../../lib/settings';
import { DeleteButton } from './delete-button';

export default async function SensitivePage() {
  // Read per request: this app is configured at run time, while a Client Component would only see the
  // NEXT_PUBLIC_* values inlined at build time.
  await connection();
  const pages = {
    signInUrl: setting('NEXT_PUBLIC_CLERK_SIGN_IN_URL'),
    publishableKey: setting('NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY') ?? setting('CLERK_PUBLISHABLE_KEY'),
  };
  return (
    <div>
      <h1>Sensitive operation</h1>
      <DeleteButton pages={pages} />
    </div>
  );
}
