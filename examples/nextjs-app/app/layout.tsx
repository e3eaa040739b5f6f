import { AuthlensPanel } from '@authlens/devtools/panel';
import type { ReactNode } from 'react';

export const metadata = { title: 'authlens example' };

// The devtools badge: in development, and in the demo (`npm run demo` runs `next start` with AUTHLENS_DEVTOOLS_URL);
// AUTHLENS_DEVTOOLS_URL=false turns it off, as it turns off exporting to the devtools.
const devtoolsSetting = process.env.AUTHLENS_DEVTOOLS_URL;
const devtoolsUrl = devtoolsSetting === 'false' ? undefined : devtoolsSetting;
const showPanel = devtoolsSetting !== 'false' && (process.env.NODE_ENV === 'development' || Boolean(devtoolsUrl));

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: 'system-ui, sans-serif', margin: '2rem', lineHeight: 1.5 }}>
        <nav>
          <a href="/">Home</a>
        </nav>
        <main>{children}</main>
        {showPanel && <AuthlensPanel enabled devtoolsUrl={devtoolsUrl} />}
      </body>
    </html>
  );
}
