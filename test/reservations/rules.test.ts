// The pure booking rules: lengths and steps, age class at its boundaries, the cancellation
// deadline, drawing minutes from allowance buckets, and slot generation around a holiday.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CalendarDate, TimeRange } from '../../src/platform/time.ts';
import {
  ageClassOn,
  allocateAllowance,
  cancellationStatus,
  generateSlots,
  lengthProblem,
  oldEnoughOn,
  type AllowanceBucket,
} from '../../src/reservations/rules.ts';

const day = CalendarDate.from('2026-12-07');
const slot = TimeRange.of(day, 9 * 60, 15 * 60);
const at = (start: string, end: string) => {
  const minute = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
  return TimeRange.of(day, minute(start), minute(end));
};

describe('booking length', () => {
  test('free length: at least an hour, then 30-minute steps', () => {
    assert.equal(lengthProblem(at('09:00', '09:30'), slot, 'free'), 'too-short');
    assert.equal(lengthProblem(at('09:00', '09:59'), slot, 'free'), 'too-short');
    assert.equal(lengthProblem(at('09:00', '10:00'), slot, 'free'), undefined);
    assert.equal(lengthProblem(at('09:00', '10:15'), slot, 'free'), 'bad-step');
    assert.equal(lengthProblem(at('09:00', '10:30'), slot, 'free'), undefined);
    assert.equal(lengthProblem(at('10:30', '13:00'), slot, 'free'), undefined);
  });

  test('within the slot only', () => {
    assert.equal(lengthProblem(at('08:30', '10:00'), slot, 'free'), 'outside-slot');
    assert.equal(lengthProblem(at('14:00', '15:30'), slot, 'free'), 'outside-slot');
    assert.equal(lengthProblem(at('14:00', '15:00'), slot, 'free'), undefined);
  });

  test('fixed blocks: exactly the block', () => {
    assert.equal(lengthProblem(at('09:00', '15:00'), slot, 'blocks'), undefined);
    assert.equal(lengthProblem(at('09:00', '14:00'), slot, 'blocks'), 'bad-step');
  });
});

describe('age class on the day of use (Japanese age reckoning)', () => {
  const birth = CalendarDate.from('2025-06-01');
  test('a year is reached the day before the birthday', () => {
    assert.equal(ageClassOn(birth, CalendarDate.from('2026-05-30')), 0);
    assert.equal(ageClassOn(birth, CalendarDate.from('2026-05-31')), 1);
    assert.equal(ageClassOn(birth, CalendarDate.from('2027-05-30')), 1);
    assert.equal(ageClassOn(birth, CalendarDate.from('2027-05-31')), 2);
    assert.equal(ageClassOn(birth, CalendarDate.from('2028-05-30')), 2);
    assert.equal(ageClassOn(birth, CalendarDate.from('2028-05-31')), undefined, 'three years old');
    assert.equal(ageClassOn(birth, CalendarDate.from('2025-05-31')), undefined, 'not born');
  });

  test("the facility's youngest age: 6 or 12 months", () => {
    assert.equal(oldEnoughOn(birth, CalendarDate.from('2025-11-30'), 6), true);
    assert.equal(oldEnoughOn(birth, CalendarDate.from('2025-11-29'), 6), false);
    assert.equal(oldEnoughOn(birth, CalendarDate.from('2026-05-30'), 12), false);
    assert.equal(oldEnoughOn(birth, CalendarDate.from('2026-05-31'), 12), true);
  });
});

describe('cancellation deadline', () => {
  const use = CalendarDate.from('2026-12-07');
  test('by default, until 0:00 on the day (Tokyo)', () => {
    assert.equal(cancellationStatus(new Date('2026-12-06T14:59:59Z'), use, 0), 'cancelled');
    assert.equal(cancellationStatus(new Date('2026-12-06T15:00:00Z'), use, 0), 'late_cancelled');
  });
  test('a facility may ask for more notice', () => {
    // 17:00 the day before = 7 hours before midnight.
    assert.equal(cancellationStatus(new Date('2026-12-06T07:59:00Z'), use, 7 * 60), 'cancelled');
    assert.equal(cancellationStatus(new Date('2026-12-06T08:00:00Z'), use, 7 * 60), 'late_cancelled');
  });
});

describe('allowance buckets', () => {
  const home = 'municipality-home';
  const national: AllowanceBucket = { key: 'national', minutesPerMonth: 600 };
  const ownRegular: AllowanceBucket = { key: 'own', minutesPerMonth: 38 * 60, kinds: ['regular'], facilityMunicipalityId: home };
  const buckets = [national, ownRegular];

  test('the national bucket first', () => {
    assert.deepEqual(allocateAllowance(buckets, {}, { minutes: 120, kind: 'regular', facilityMunicipalityId: home }), { ok: true, charges: [{ bucket: 'national', minutes: 120 }] });
  });

  test("what the national bucket cannot pay spills into the municipality's own, where its scope allows", () => {
    assert.deepEqual(allocateAllowance(buckets, { national: 540 }, { minutes: 120, kind: 'regular', facilityMunicipalityId: home }), {
      ok: true,
      charges: [
        { bucket: 'national', minutes: 60 },
        { bucket: 'own', minutes: 60 },
      ],
    });
  });

  test('outside the scope (flexible use, or a facility elsewhere) only the national bucket pays', () => {
    assert.deepEqual(allocateAllowance(buckets, { national: 540 }, { minutes: 120, kind: 'flexible', facilityMunicipalityId: home }), { ok: false, shortMinutes: 60 });
    assert.deepEqual(allocateAllowance(buckets, { national: 540 }, { minutes: 120, kind: 'regular', facilityMunicipalityId: 'elsewhere' }), { ok: false, shortMinutes: 60 });
    assert.deepEqual(allocateAllowance(buckets, { national: 540 }, { minutes: 60, kind: 'flexible', facilityMunicipalityId: 'elsewhere' }), { ok: true, charges: [{ bucket: 'national', minutes: 60 }] });
  });

  test('exactly the allowance is fine; a minute more is refused whole', () => {
    assert.equal(allocateAllowance([national], { national: 0 }, { minutes: 600, kind: 'flexible', facilityMunicipalityId: home }).ok, true);
    assert.deepEqual(allocateAllowance([national], { national: 570 }, { minutes: 60, kind: 'flexible', facilityMunicipalityId: home }), { ok: false, shortMinutes: 30 });
  });
});

describe('slot generation', () => {
  const monday = { weekday: 1, startMinute: 9 * 60, endMinute: 12 * 60, capacity: [1, 2, 3], kinds: ['regular', 'flexible'] } as const;
  const wednesday = { ...monday, weekday: 3 } as const;

  test('by weekday, skipping national holidays (2026-01-12 成人の日) and closed days', () => {
    assert.equal(CalendarDate.from('2026-01-12').isHoliday(), true);
    const slots = generateSlots([monday, wednesday], CalendarDate.from('2026-01-05'), 3, [CalendarDate.from('2026-01-21')]);
    assert.deepEqual(
      slots.map((s) => s.time.toString()),
      ['2026-01-05 09:00–12:00', '2026-01-07 09:00–12:00', '2026-01-14 09:00–12:00', '2026-01-19 09:00–12:00'],
    );
    assert.deepEqual(slots[0]?.capacity, [1, 2, 3]);
  });
});
