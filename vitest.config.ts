import os from 'node:os';
import { defineConfig } from 'vitest/config';

// Three tiers: pure unit tests (fast), integration tests against PGlite and,
// when TEST_DATABASE_URL is set, PostgreSQL; and browser tests in Debian chromium.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'],
          environment: 'node',
          // Property tests do real work (hundreds of runs); on a loaded 2-core machine 5 s is not enough,
          // and a timeout is not a finding. No test asserts on time.
          testTimeout: 30_000,
          // Modules are imported once per worker, not once per file (the two tests that need fresh modules
          // ask for them with vi.resetModules).
          isolate: false,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Builds each run's template databases on first use and drops them at the end (support/templates.ts).
          globalSetup: ['tests/integration/support/global-setup.ts'],
          // Every test file has databases of its own (copies of the templates), random ports and
          // temporary directories, so files run side by side: two at least, even on a 2-core machine
          // where much of each file's time is spent waiting on PostgreSQL.
          fileParallelism: true,
          maxWorkers: Math.max(2, os.availableParallelism() - 1),
          // A worker keeps its modules from one file to the next: the files share no module state (each
          // builds its own app, context and databases; the few spies are restored), and importing the server
          // anew for each of the 75 files cost 198 s of the 1,392 s the files took, against 15 s now.
          isolate: false,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          // A run id for the seeded data directory every harness copies (support/harness.ts).
          globalSetup: ['tests/browser/support/global-setup.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // expect.poll waits on the page (a query answering, a list re-rendering): its default second is
          // shorter than a server round trip on a loaded 2-core CI machine, and a timeout is not a finding.
          expect: { poll: { timeout: 15_000 } },
          // A file spends much of its time waiting on Chromium and the server (about 0.7 of one core
          // measured alone), so two files run side by side; each has its own server, port, data
          // directory and browser.
          fileParallelism: true,
          maxWorkers: Math.max(2, os.availableParallelism() - 1),
          // As in the integration tier: the server's modules are imported once per worker, not once per file.
          isolate: false,
        },
      },
    ],
  },
});
