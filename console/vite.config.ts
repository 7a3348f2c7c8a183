import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));

// The console is built into console/dist and served by the Talkbase server itself at `/`.
// `npm run console:dev` serves it with hot reload and forwards the API to a running server.
export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    chunkSizeWarningLimit: 800,
    // The microphone's AudioWorklet stays a file under /assets: the content policy allows scripts from 'self' only.
    assetsInlineLimit: (file) => (file.endsWith('-worklet.js') ? false : undefined),
  },
  server: {
    proxy: {
      '/v1': { target: process.env.TALKBASE_URL ?? 'http://localhost:8080', ws: true, changeOrigin: true },
    },
  },
});
