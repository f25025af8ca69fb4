// 統計 (issue 10): each figure counted from the records, for the staff member's own municipality
// only; each table as CSV in UTF-8 with a BOM or in Shift_JIS; charts as SVG beside the tables.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import type { TestClient } from '../helpers/http.ts';
import { logInAsStaff } from '../helpers/journeys.ts';
import { page as parse } from '../helpers/page.ts';
import { csvText } from '../../src/platform/csv.ts';
import { approvedForUse, child as childOf, facility as facilityIn, slot as slotAt, type Facility } from '../reservations/world.ts';

let t: TestApp;
let ojiyaStaff: TestClient;
let nagaokaStaff: TestClient;
let ojiya: { id: string };
let place: Facility;
before(async () => {
  t = await startTestApp();
  ojiyaStaff = await logInAsStaff(t.app, t.db, 'city-staff@ojiya.example.jp');
  nagaokaStaff = await logInAsStaff(t.app, t.db, 'city-staff@nagaoka.example.jp');
  ojiya = { id: (await t.db.selectFrom('users').select('municipality_id').where('email', '=', 'city-staff@ojiya.example.jp').executeTakeFirstOrThrow()).municipality_id };
  place = await facilityIn(t.db, ojiya, '統計テスト保育園');
  // December 2026: a 1-year-old with a confirmed 2 hours, a late-cancelled hour, a cancellation in time and a no-show of 1 hour.
  const kid = await childOf(t.db, ojiya, '2025-06-10', { namedFacilityId: place.id });
  await approvedForUse(t.db, place, kid);
  const add = async (date: string, status: 'confirmed' | 'cancelled' | 'late_cancelled', hours: number) => {
    const slotId = await slotAt(t.db, place, date, '09:00', '15:00', { capacity: [1, 3, 2] });
    const { id } = await t.db
      .insertInto('reservations')
      .values({ municipality_id: ojiya.id, facility_id: place.id, child_id: kid.id, kind: 'flexible', status, starts_at: `${date}T09:00:00+09:00`, ends_at: `${date}T${String(9 + hours).padStart(2, '0')}:00:00+09:00`, slot_id: slotId, age_class: 1, booked_by: kid.guardianId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db.insertInto('reservation_allowance_charges').values({ reservation_id: id, child_id: kid.id, municipality_id: ojiya.id, month: '2026-12-01', bucket: 'national', minutes: hours * 60 }).execute();
    return id;
  };
  await add('2026-12-01', 'confirmed', 2);
  await add('2026-12-02', 'late_cancelled', 1);
  await add('2026-12-03', 'cancelled', 1);
  const noShow = await add('2026-12-04', 'confirmed', 1);
  await t.db.insertInto('attendances').values({ reservation_id: noShow, municipality_id: ojiya.id, facility_id: place.id, child_id: kid.id, no_show_at: new Date('2026-12-04T03:00:00Z'), updated_at: new Date('2026-12-04T03:00:00Z') }).execute();
});
after(() => t.close());

const rowOf = (p: ReturnType<typeof parse>, table: string, first: string) =>
  p
    .all(`#${table} tbody tr`)
    .map((tr) => tr.querySelectorAll('th, td').map((cell) => cell.textContent.trim()))
    .find((cells) => cells[0] === first);

describe('the statistics dashboard', () => {
  test('counts a month’s use by facility and age class, the outcomes, the places and the allowance, from the records', async () => {
    const response = await ojiyaStaff.get('/municipality/statistics?month=2026-12');
    assert.equal(response.status, 200);
    const p = parse(response.body);
    assert.equal(p.heading(), '利用状況の統計');
    assert.deepEqual(rowOf(p, 'use', '統計テスト保育園'), ['統計テスト保育園', '0時間', '4時間', '0時間', '4時間', '3'], 'confirmed 2 h + 1 h (no-show) and 1 h late-cancelled, all at age 1');
    assert.deepEqual(rowOf(p, 'outcomes', '2026-12')?.slice(1), ['2', '1', '1', '0', '1']);
    assert.deepEqual(rowOf(p, 'capacity', '統計テスト保育園'), ['統計テスト保育園', '24', '2', '8%'], '4 slots × 6 places; 2 live bookings');
    const allowance = rowOf(p, 'allowance', '2026-12');
    assert.ok(allowance, 'a row for December');
    assert.equal(allowance[3], '4時間', 'used: confirmed and late-cancelled charges, not the cancellation in time');
    assert.ok(p.find('[data-qa=statistics-use] .chart svg'), 'a chart is drawn on the server');
    assert.equal(p.find('[data-qa=statistics-use] .chart')?.getAttribute('aria-hidden'), 'true', 'screen readers read the table instead');
  });

  test('another municipality sees none of it', async () => {
    const p = parse((await nagaokaStaff.get('/municipality/statistics?month=2026-12')).body);
    assert.equal(rowOf(p, 'use', '統計テスト保育園'), undefined);
    assert.equal(rowOf(p, 'capacity', '統計テスト保育園'), undefined);
  });

  test('each table downloads as CSV: UTF-8 with a BOM, or Shift_JIS', async () => {
    const utf8 = await ojiyaStaff.get('/municipality/statistics/csv?table=use&month=2026-12');
    assert.equal(utf8.status, 200);
    assert.match(String(utf8.headers['content-type']), /text\/csv; charset=utf-8/);
    assert.deepEqual([...utf8.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.match(utf8.bytes.subarray(3).toString('utf8'), /^施設,0歳,1歳,2歳,合計,予約数\r\n/);
    assert.match(utf8.bytes.toString('utf8'), /統計テスト保育園,0時間,4時間,0時間,4時間,3\r\n/);
    const sjis = await ojiyaStaff.get('/municipality/statistics/csv?table=use&month=2026-12&encoding=sjis');
    assert.notEqual(sjis.bytes[0], 0xef, 'no BOM in Shift_JIS');
    assert.match(iconv.decode(sjis.bytes, 'Shift_JIS'), /統計テスト保育園,0時間,4時間/);
    assert.deepEqual([...sjis.bytes.subarray(0, 4)], [...iconv.encode('施設', 'Shift_JIS')]);
    assert.equal((await ojiyaStaff.get('/municipality/statistics/csv?table=secrets')).status, 404);
  });

  test('CSV fields: commas and quotes quoted, formulas defused', () => {
    assert.equal(csvText([['a,b', 'say "hi"', '=1+1', -5, '-x']]), '"a,b","say ""hi""",\'=1+1,-5,\'-x\r\n');
  });
});
