import type { ReactNode } from 'react';

export const metadata = { title: 'authlens example' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: 'system-ui, sans-serif', margin: '2rem', lineHeight: 1.5 }}>
        <nav>
          <a href="/">Home</a>
        </nav>
        <main>{children}</main>
      </body>
    </html>
  );
}
