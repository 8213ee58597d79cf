import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';

// The dev server and `vite preview` forward the API to the gateway, so the app runs on the same
// origin as the API as it does when the gateway serves it.
const gateway = process.env.NEXUS_GATEWAY ?? 'http://localhost:8080';
const proxy = {
  '/api': { target: gateway, ws: true },
  '/graphql': { target: gateway, ws: true },
  '/.well-known': { target: gateway },
};

// The policy the gateway sends with the app's pages: `vite preview` sends it too, so a build that
// breaks it (an inline script, a foreign host) fails the browser tests before the gateway serves it.
const contentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
  + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

export default defineConfig({
  base: '/',
  plugins: [preact()],
  server: { proxy },
  preview: { proxy, headers: { 'Content-Security-Policy': contentSecurityPolicy } },
  build: { outDir: 'dist' },
  test: { include: ['src/**/*.test.ts'], environment: 'node' },
});
