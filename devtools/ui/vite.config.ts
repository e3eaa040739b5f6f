import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The dashboard is served by the devtools server at `/` (and deep links such as `/requests/<trace id>`), so asset
// URLs are absolute from the root. `npm run build -w devtools` runs this after the server's tsc.
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    reportCompressedSize: false,
  },
  logLevel: 'warn',
});
