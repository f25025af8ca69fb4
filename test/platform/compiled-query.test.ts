// compiledQuery (src/platform/compiled-query.ts): compiled once, run with each call's values,
// inside a transaction too; a query whose shape depends on an argument is refused at once.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { compiledQuery, type Arg } from '../../src/platform/compiled-query.ts';
import { openTestDatabase, type TestDatabase } from '../helpers/database.ts';

let database: TestDatabase;
before(async () => {
  database = await openTestDatabase();
});
after(() => database.close());

const prefectureNames = compiledQuery((db, arg: Arg<{ from: number; to: number }>) =>
  db.selectFrom('prefectures').select(['code', 'name']).where('code', '>=', arg('from')).where('code', '<=', arg('to')).orderBy('code'),
);

describe('compiledQuery', () => {
  test('each call runs with its own values, and the SQL is built once', async () => {
    const { db } = database;
    await db.deleteFrom('prefectures').where('code', 'in', [90, 91, 92]).execute();
    await db.insertInto('prefectures').values([
      { code: 90, name: '試験県甲', name_en: 'Test A' },
      { code: 91, name: '試験県乙', name_en: 'Test B' },
      { code: 92, name: '試験県丙', name_en: 'Test C' },
    ]).execute();
    assert.deepEqual(await prefectureNames(db, { from: 90, to: 91 }), [{ code: 90, name: '試験県甲' }, { code: 91, name: '試験県乙' }]);
    assert.deepEqual(await prefectureNames(db, { from: 92, to: 99 }), [{ code: 92, name: '試験県丙' }]);

    let builds = 0;
    const counted = compiledQuery((db, arg: Arg<{ code: number }>) => {
      builds++;
      return db.selectFrom('prefectures').select('name').where('code', '=', arg('code'));
    });
    assert.deepEqual(await counted(db, { code: 91 }), [{ name: '試験県乙' }]);
    assert.deepEqual(await counted(db, { code: 90 }), [{ name: '試験県甲' }]);
    assert.equal(builds, 1);
  });

  test('it runs inside a transaction, and sees what the transaction wrote', async () => {
    const { db } = database;
    const seen = await db.transaction().execute(async (tx) => {
      await tx.insertInto('prefectures').values({ code: 93, name: '試験県丁', name_en: 'Test D' }).execute();
      return prefectureNames(tx, { from: 93, to: 93 });
    });
    assert.deepEqual(seen, [{ code: 93, name: '試験県丁' }]);
  });

  test('a query whose shape depends on an argument is refused when it is first run', async () => {
    const shaped = compiledQuery((db, arg: Arg<{ code: number; named: boolean }>) =>
      db
        .selectFrom('prefectures')
        .select('code')
        .where('code', '=', arg('code'))
        .$if(Boolean(arg('named')), (q) => q.select('name')),
    );
    await assert.rejects(shaped(database.db, { code: 90, named: false }), /named did not become a parameter/);
  });
});
