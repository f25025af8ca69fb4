// The facility details in the sample data and in the generated facilities (SEED_FACILITIES).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { migrateToLatest, openDatabase } from '../../src/platform/database.ts';
import { seedReferenceData, seedSampleData } from '../../src/seed.ts';

test('sample and generated facilities carry hours, days, ages, capacity and fee, the same every time', async () => {
  const runs: string[][] = [];
  for (let run = 0; run < 2; run++) {
    const { db, close } = await openDatabase({ dataDir: 'memory://' });
    try {
      await migrateToLatest(db);
      await seedReferenceData(db);
      await seedSampleData(db, { extraFacilities: 1200 });
      const niji = await db.selectFrom('facilities').selectAll().where('name', '=', 'にじいろ保育園（架空）').executeTakeFirstOrThrow();
      assert.equal(niji.facility_type, 'nursery');
      assert.equal(niji.opens_at, '07:30:00');
      assert.deepEqual(niji.open_days, [1, 2, 3, 4, 5, 6]);
      assert.ok(niji.introduction.length > 0);
      const generated = await db
        .selectFrom('facilities')
        .select(['facility_type', 'opens_at', 'closes_at', 'open_days', 'ages_accepted', 'daily_capacity', 'fee_per_hour'])
        .where('phone', 'like', '050-%')
        .orderBy('phone')
        .execute();
      assert.equal(generated.length, 1200);
      // Varied enough for the filters of 都道府県から探す to mean something.
      assert.ok(new Set(generated.map((f) => f.facility_type)).size >= 3);
      assert.ok(generated.some((f) => !f.ages_accepted.includes(0)));
      assert.ok(generated.some((f) => f.open_days.includes(7)));
      assert.ok(generated.some((f) => !f.open_days.includes(6)));
      for (const f of generated) {
        assert.ok(f.opens_at < f.closes_at);
        assert.ok(f.daily_capacity >= 1 && f.fee_per_hour >= 250);
      }
      runs.push(generated.map((f) => JSON.stringify(f)));
    } finally {
      await close();
    }
  }
  assert.deepEqual(runs[0], runs[1]);
});
