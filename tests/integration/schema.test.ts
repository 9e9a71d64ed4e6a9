/** One set of migrations, two engines, identical resulting schemas. */
import { describe, expect, test } from 'vitest';
import { describeSchema, migrate } from '../../src/storage/migrate';
import { ENGINES } from './support/engines';

// Fifty migrations from an empty database, on a 2-core machine that may be busy: time is not a finding here.
describe('migrations', { timeout: 300_000 }, () => {
  test.each(ENGINES.map((e) => [e.name, e]))('apply cleanly and idempotently on %s', async (_name, engine) => {
    const db = await engine.open();
    try {
      const first = await migrate(db);
      expect(first.length).toBeGreaterThan(0);
      expect(await migrate(db)).toEqual([]);
    } finally {
      await db.dispose();
    }
  });

  test.skipIf(ENGINES.length < 2)('produce the same schema on PGlite and PostgreSQL', async () => {
    const schemas = [];
    for (const engine of ENGINES) {
      const db = await engine.open();
      try {
        await migrate(db);
        schemas.push(await describeSchema(db));
      } finally {
        await db.dispose();
      }
    }
    expect(schemas[1]).toEqual(schemas[0]);
  });
});
