// The support address is a municipality setting that changes from a month on: an inquiry is mailed
// to the address in effect in the month it is sent.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TestClock } from '../../src/platform/clock.ts';
import { CalendarDate } from '../../src/platform/time.ts';
import { inquiryMunicipality, submitInquiry } from '../../src/support/queries.ts';
import { municipalitySettingsFor, saveSettingsChange } from '../../src/municipalities/settings-queries.ts';
import { openTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { mailsTo } from '../helpers/mail.ts';
import { facility, municipality } from '../reservations/world.ts';

let t: TestDatabase;
before(async () => {
  t = await openTestDatabase();
});
after(() => t?.close());

test('an inquiry in December goes to the address set from December, one in November to the old one', async () => {
  const city = await municipality(t.db);
  const place = await facility(t.db, city);
  await t.db.updateTable('municipalities').set({ support_email: `old-desk-${city.id}@example.jp` }).where('id', '=', city.id).execute();
  const clock = new TestClock(new Date('2026-11-27T01:00:00Z'));
  const december = CalendarDate.from('2026-12-01');
  const base = await municipalitySettingsFor(t.db, city.id, december);
  assert.equal((await saveSettingsChange(t.db, clock, { id: place.staff.id, municipalityId: city.id }, december, { ...base, supportEmail: `new-desk-${city.id}@example.jp` })).outcome, 'saved');
  const target = await inquiryMunicipality(t.db, { id: city.id });
  assert.ok(target);
  const send = (key: string) =>
    submitInquiry(t.db, clock, 'http://localhost', target, { userId: undefined, accountName: undefined }, key, { category: 'other', message: '質問です', contactName: '問合 花子', email: 'asker@example.jp', phone: '' });
  await send(`november-${city.id}`);
  clock.set('2026-12-01T00:30:00+09:00');
  await send(`december-${city.id}`);
  assert.equal((await mailsTo(t.db, `old-desk-${city.id}@example.jp`)).length, 1);
  assert.equal((await mailsTo(t.db, `new-desk-${city.id}@example.jp`)).length, 1);
});
