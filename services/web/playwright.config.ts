import { defineConfig } from '@playwright/test';

// The system Chromium (Playwright's own download does not work here), against a running platform:
// the gateway (http://localhost:8080) or `vite preview` in front of it.
export default defineConfig({
  testDir: 'tests',
  // NEXUS_TEST_RESULTS: where traces and screenshots go (the Maven run puts them under services/e2e/target)
  outputDir: `${process.env.NEXUS_TEST_RESULTS ?? 'test-results'}/playwright`,
  // Bounds, not waits: generous because the platform, Maven builds and Chromium share two cores, and a
  // live notification crosses the outbox, RabbitMQ and the notifications service first.
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: true,
  // One retry: a test that passes only on its retry is listed as flaky in the output (WebAppIT names
  // it), so a slow moment of the shared machine does not fail the build, and the flake stays visible.
  retries: 1,
  workers: 2,
  reporter: [['list']],
  use: {
    baseURL: process.env.NEXUS_URL ?? 'http://localhost:8080',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
        '--disable-component-update', '--no-first-run'],
    },
  },
});
