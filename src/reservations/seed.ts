// Sample booking setup for the named sample facilities (src/seed.ts): an offer, weekday slot
// templates and four weeks of slots from the seed clock's today, so a newcomer can book at once.
// The thousands of generated facilities (SEED_FACILITIES) get none: they stay fast to seed.
import type { Clock } from '../platform/clock.ts';
import type { Db } from '../platform/database.ts';
import { CalendarDate } from '../platform/time.ts';
import { insertGeneratedSlots } from './queries.ts';

const SAMPLE_WEEKS = 4;
/** Mornings and afternoons, Monday to Friday (on the days the facility is open). */
const SAMPLE_TIMES: ReadonlyArray<readonly [number, number]> = [
  [9 * 60, 12 * 60],
  [13 * 60, 16 * 60],
];
const SAMPLE_NOTES =
  '初回面談は、保護者の方とお子さまでお越しください（30分ほど）。\n持ち物：着替え、おむつ、水筒。持ち物すべてに名前を書いてください。\n当日、お子さまの体調がすぐれないときは、施設に電話でご連絡ください。';

export async function seedSampleBookingSetup(db: Db, clock: Clock, facilityIds: readonly string[]): Promise<void> {
  if (facilityIds.length === 0) return;
  const facilities = await db.selectFrom('facilities').select(['id', 'municipality_id', 'open_days', 'ages_accepted']).where('id', 'in', facilityIds).execute();
  for (const f of facilities) {
    const takesBabies = f.ages_accepted.includes(0);
    await db
      .insertInto('facility_offers')
      .values({
        facility_id: f.id,
        municipality_id: f.municipality_id,
        youngest_age_months: takesBabies ? 6 : 12,
        booking_notes: SAMPLE_NOTES,
        weeks_ahead: SAMPLE_WEEKS,
        updated_at: clock.now(),
      })
      .execute();
    const weekdays = f.open_days.filter((d) => d >= 1 && d <= 5);
    if (weekdays.length === 0) continue;
    await db
      .insertInto('slot_templates')
      .values(
        weekdays.flatMap((weekday) =>
          SAMPLE_TIMES.map(([start, end]) => ({
            facility_id: f.id,
            municipality_id: f.municipality_id,
            weekday,
            start_minute: start,
            end_minute: end,
            capacity_age0: takesBabies ? 1 : 0,
            capacity_age1: f.ages_accepted.includes(1) ? 3 : 0,
            capacity_age2: f.ages_accepted.includes(2) ? 3 : 0,
            kinds: ['interview', 'regular', 'flexible'] as Array<'interview' | 'regular' | 'flexible'>,
          })),
        ),
      )
      .execute();
    await insertGeneratedSlots(db, f.id, CalendarDate.today(clock), SAMPLE_WEEKS);
  }
}
