import { test } from 'node:test';
import { SAMPLE_PASSWORD } from '../../src/seed.ts';
import { newVisitor, walkGuide } from '../helpers/guide-visitor.ts';
import { child as childOf, slot as slotAt } from '../reservations/world.ts';

test('scratch: statistics', async (t) => {
  await walkGuide(t, 92, async ({ browser, server, shots }) => {
    const db = server.db;
    const ojiya = { id: (await db.selectFrom('users').select('municipality_id').where('email', '=', 'city-staff@ojiya.example.jp').executeTakeFirstOrThrow()).municipality_id };
    const facilities = await db.selectFrom('facilities').select(['id', 'municipality_id']).where('municipality_id', '=', ojiya.id).limit(3).execute();
    for (const [i, f] of facilities.entries()) {
      for (let d = 1; d <= 5 + i * 3; d++) {
        const kid = await childOf(db, ojiya, `2025-0${(d % 3) + 1}-10`);
        const date = `2026-11-${String(d + 1).padStart(2, '0')}`;
        const slotId = await slotAt(db, { id: f.id, municipalityId: f.municipality_id, staff: { id: '', facilityId: f.id } }, date, '09:00', '15:00');
        await db.insertInto('reservations').values({ municipality_id: ojiya.id, facility_id: f.id, child_id: kid.id, kind: 'flexible', status: d % 4 === 0 ? 'late_cancelled' : 'confirmed', starts_at: `${date}T09:00:00+09:00`, ends_at: `${date}T11:00:00+09:00`, slot_id: slotId, age_class: d % 3, booked_by: kid.guardianId }).execute();
      }
    }
    const { visitor: v } = await newVisitor(browser, server, shots, { phone: false });
    await v.logIn('city-staff@ojiya.example.jp', SAMPLE_PASSWORD, { expectTerms: false });
    await v.page.goto('/municipality/statistics');
    await v.capture('stats');
    const { visitor: p } = await newVisitor(browser, server, shots, { phone: true });
    await p.logIn('city-staff@ojiya.example.jp', SAMPLE_PASSWORD, { expectTerms: false });
    await p.page.goto('/municipality/statistics');
    await p.capture('stats-phone');
  });
});
