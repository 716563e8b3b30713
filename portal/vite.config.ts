import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The platform serves the built portal (dist/) itself, on the same origin as /v1, so the session
// cookie and CSRF header need no cross-origin setup. `npm run dev -w @laras/portal` proxies /v1
// and the connect routes to a running platform for fast UI work.
const platform = process.env.LARAS_DEV_API ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: {
    proxy: { '/v1': platform, '/connect': platform, '/api': platform },
  },
});
