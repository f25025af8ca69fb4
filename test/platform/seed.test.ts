import { test } from 'node:test';
import assert from 'node:assert/strict';
import { verify } from '@node-rs/argon2';
import { type Db, migrateToLatest, openDatabase } from '../../src/platform/database.ts';
import { SAMPLE_PASSWORD, sampleLogins, seedReferenceData, seedSampleData } from '../../src/seed.ts';

async function count(db: Db, table: 'prefectures' | 'municipalities' | 'facilities'): Promise<number> {
  const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function staffCount(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', 'in', ['municipality_staff', 'facility_staff'])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

test('seeds the prefectures and the sample data once', async () => {
  const { db, close } = await openDatabase({ dataDir: 'memory://' });
  try {
    await migrateToLatest(db);
    await seedReferenceData(db);
    await seedReferenceData(db); // idempotent
    assert.equal(await count(db, 'prefectures'), 47);
    const okinawa = await db.selectFrom('prefectures').selectAll().where('code', '=', 47).executeTakeFirstOrThrow();
    assert.deepEqual(okinawa, { code: 47, name: '沖縄県', name_en: 'Okinawa' });

    const logins = await seedSampleData(db);
    assert.equal(logins.length, 8);
    assert.deepEqual(await sampleLogins(db), logins);
    assert.equal(await count(db, 'municipalities'), 2);
    assert.equal(await count(db, 'facilities'), 6);
    assert.equal(await staffCount(db), 8);
    assert.equal(logins.filter((l) => l.role === 'municipality_staff').length, 2);
    assert.ok(logins.some((l) => l.email === 'city-staff@ojiya.example.jp' && l.place === '小千谷市'));
    assert.ok(logins.some((l) => l.email === 'staff@niji.ojiya.example.jp' && l.place === 'にじいろ保育園（架空）'));

    const ojiya = await db.selectFrom('municipalities').selectAll().where('code', '=', '15208').executeTakeFirstOrThrow();
    assert.equal(ojiya.named_facility_only, true);
    const nagaoka = await db.selectFrom('municipalities').selectAll().where('code', '=', '15202').executeTakeFirstOrThrow();
    assert.equal(nagaoka.named_facility_only, false);

    // Facility staff belong to their facility's municipality.
    const facilityStaff = await db
      .selectFrom('users')
      .innerJoin('facilities', 'facilities.id', 'users.facility_id')
      .select(['users.municipality_id as user_municipality', 'facilities.municipality_id as facility_municipality'])
      .where('users.role', '=', 'facility_staff')
      .execute();
    assert.equal(facilityStaff.length, 6);
    for (const row of facilityStaff) assert.equal(row.user_municipality, row.facility_municipality);

    const staff = await db
      .selectFrom('users')
      .select(['password_hash', 'two_factor_enabled', 'terms_version_accepted'])
      .where('email', '=', 'staff@niji.ojiya.example.jp')
      .executeTakeFirstOrThrow();
    const passwordHash = staff.password_hash ?? '';
    assert.ok(passwordHash.startsWith('$argon2id$'));
    assert.equal(await verify(passwordHash, SAMPLE_PASSWORD), true);
    assert.equal(await verify(passwordHash, 'wrong-password-1A'), false);
    assert.equal(staff.two_factor_enabled, true);
    assert.equal(staff.terms_version_accepted, null);

    // A second run finds the municipalities and does nothing.
    assert.deepEqual(await seedSampleData(db, { extraFacilities: 100 }), []);
    assert.equal(await count(db, 'municipalities'), 2);
    assert.equal(await count(db, 'facilities'), 6);
    assert.equal(await staffCount(db), 8);
  } finally {
    await close();
  }
});

test('generates extra facilities in batches, the same ones every time', async () => {
  const names: string[][] = [];
  for (let run = 0; run < 2; run++) {
    const { db, close } = await openDatabase({ dataDir: 'memory://' });
    try {
      await migrateToLatest(db);
      await seedReferenceData(db);
      await seedSampleData(db, { extraFacilities: 2500 });
      assert.equal(await count(db, 'facilities'), 2506);
      const rows = await db
        .selectFrom('facilities')
        .select(['name', 'name_kana', 'latitude', 'longitude'])
        .where('phone', 'like', '050-%')
        .orderBy('phone')
        .execute();
      assert.equal(rows.length, 2500);
      for (const row of rows) {
        assert.match(row.name, /（架空）$/);
        assert.match(row.name_kana, /^[ァ-ヶー]+$/);
        assert.ok(row.latitude > 25 && row.latitude < 44 && row.longitude > 127 && row.longitude < 146);
      }
      names.push(rows.map((r) => `${r.name}@${r.latitude},${r.longitude}`));
    } finally {
      await close();
    }
  }
  assert.deepEqual(names[0], names[1]);
});
