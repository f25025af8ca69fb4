// The PostgreSQL connections prepare what they run (src/platform/prepared-statements.ts): named
// statements, bounded per connection, and recovered after a schema change under them. PostgreSQL
// only (PGlite is not given this client); skipped without TEST_DATABASE_URL.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type pg from 'pg';
import { postgresPool } from '../../src/platform/database.ts';

const url = process.env.TEST_DATABASE_URL;

describe('prepared statements on PostgreSQL', { skip: url ? false : 'needs TEST_DATABASE_URL' }, () => {
  let pool: pg.Pool;
  let client: pg.PoolClient;
  const prepared = async () => (await client.query('select name, statement from pg_prepared_statements')).rows as Array<{ name: string; statement: string }>;

  before(async () => {
    pool = postgresPool(url!, { max: 1 });
    client = await pool.connect();
    await client.query('create temporary table prepared_probe (a int)');
    await client.query('insert into prepared_probe values (1), (2)');
  });
  after(async () => {
    client.release();
    await pool.end();
  });

  test('a statement with values is prepared once and then run by its name', async () => {
    const text = 'select a from prepared_probe where a = $1';
    assert.deepEqual((await client.query(text, [1])).rows, [{ a: 1 }]);
    assert.deepEqual((await client.query(text, [2])).rows, [{ a: 2 }]);
    assert.equal((await prepared()).filter((p) => p.statement === text).length, 1);
  });

  test('a statement without values, or with many, is not prepared', async () => {
    await client.query('select count(*) from prepared_probe');
    const many = Array.from({ length: 40 }, (_, i) => i);
    const text = `select a from prepared_probe where a in (${many.map((_, i) => `$${i + 1}`).join(', ')})`;
    assert.equal((await client.query(text, many)).rows.length, 2);
    const statements = (await prepared()).map((p) => p.statement);
    assert.ok(!statements.includes('select count(*) from prepared_probe'));
    assert.ok(!statements.includes(text));
  });

  test('a connection keeps a bounded number of prepared statements; the rest run unnamed', async () => {
    for (let i = 0; i < 320; i++) assert.equal((await client.query(`select a + ${i} as b from prepared_probe where a = $1`, [1])).rows[0].b, 1 + i);
    assert.equal((await prepared()).length, 300);
  });

  test('after a column is added, a prepared select * fails once and then runs again with it', async () => {
    // A connection of its own: the bound above was reached on the first one.
    const fresh = postgresPool(url!, { max: 1 });
    const other = await fresh.connect();
    try {
      await other.query('create temporary table changing_probe (a int)');
      await other.query('insert into changing_probe values (1)');
      const text = 'select * from changing_probe where a = $1';
      assert.deepEqual((await other.query(text, [1])).rows, [{ a: 1 }]);
      await other.query('alter table changing_probe add column b int default 7');
      await assert.rejects(other.query(text, [1]), /cached plan must not change result type/);
      assert.deepEqual((await other.query(text, [1])).rows, [{ a: 1, b: 7 }]);
    } finally {
      other.release();
      await fresh.end();
    }
  });
});
