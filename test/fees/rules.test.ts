// The pure fee rules at their boundaries: billed time (59, 60, 61 minutes), the late pick-up
// (29, 30, 89, 90 minutes late, under both municipal rules), same-day cancellations and no-shows
// (hours kept, charged only where the facility says so), and reductions changing on a date.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CalendarDate, TimeRange } from '../../src/platform/time.ts';
import { billedMinutes, chargeOf, feeOf, hourlyFee, latePickupExtraMinutes, reductionOn, type UseFacts } from '../../src/fees/rules.ts';

const DAY = CalendarDate.from('2026-12-07');
/** 9:00–12:00 booked. */
const BOOKED = TimeRange.of(DAY, 540, 720);
const at = (hhmm: string) => new Date(`2026-12-07T${hhmm}:00+09:00`);

function facts(overrides: Partial<UseFacts> = {}): UseFacts {
  return {
    booked: BOOKED,
    status: 'confirmed',
    checkedInAt: at('09:00'),
    checkedOutAt: at('12:00'),
    noShowAt: null,
    rule: 'guide',
    chargesLateCancellations: true,
    rateYen: 300,
    reduction: undefined,
    ...overrides,
  };
}

describe('billed time', () => {
  test('under an hour and exactly an hour count as one hour; a minute more is an hour and a half', () => {
    assert.equal(billedMinutes(0), 60);
    assert.equal(billedMinutes(1), 60);
    assert.equal(billedMinutes(59), 60);
    assert.equal(billedMinutes(60), 60);
    assert.equal(billedMinutes(61), 90);
    assert.equal(billedMinutes(90), 90);
    assert.equal(billedMinutes(91), 120);
  });

  test('is the actual time between check-in and check-out, within the booked window', () => {
    // Picked up early: 9:00–9:59 → 1 h; 9:00–10:00 → 1 h; 9:00–10:01 → 1.5 h.
    assert.equal(chargeOf(facts({ checkedOutAt: at('09:59') })).billedMinutes, 60);
    assert.equal(chargeOf(facts({ checkedOutAt: at('10:00') })).billedMinutes, 60);
    const c = chargeOf(facts({ checkedOutAt: at('10:01') }));
    assert.equal(c.actualMinutes, 61);
    assert.equal(c.billedMinutes, 90);
    assert.equal(c.feeYen, 450);
    // Came late: 10:30–12:00 → 1.5 h. Arrived early: 8:40 counts from the booked start.
    assert.equal(chargeOf(facts({ checkedInAt: at('10:30') })).billedMinutes, 90);
    assert.equal(chargeOf(facts({ checkedInAt: at('08:40') })).billedMinutes, 180);
    // Seconds do not make a minute: 9:00:00–10:00:59 is 60 whole minutes.
    assert.equal(chargeOf(facts({ checkedOutAt: new Date(at('10:00').getTime() + 59_000) })).billedMinutes, 60);
  });

  test('a child still in care has no fee yet, and nothing recorded bills nothing', () => {
    const inCare = chargeOf(facts({ checkedOutAt: null }));
    assert.equal(inCare.state, 'in_care');
    assert.equal(inCare.payable, false);
    const none = chargeOf(facts({ checkedInAt: null, checkedOutAt: null }));
    assert.equal(none.state, 'not_recorded');
    assert.equal(none.feeYen, 0);
    assert.equal(none.payable, false);
  });
});

describe('late pick-up', () => {
  test("the guide's rule: 29 → nothing, 30 → 1 h, 89 → 1 h, 90 → 2 h", () => {
    assert.equal(latePickupExtraMinutes(0, 'guide'), 0);
    assert.equal(latePickupExtraMinutes(29, 'guide'), 0);
    assert.equal(latePickupExtraMinutes(30, 'guide'), 60);
    assert.equal(latePickupExtraMinutes(89, 'guide'), 60);
    assert.equal(latePickupExtraMinutes(90, 'guide'), 120);
    assert.equal(latePickupExtraMinutes(149, 'guide'), 120);
    assert.equal(latePickupExtraMinutes(150, 'guide'), 180);
  });

  test('the actual-time rule: the minutes late rounded up to 30', () => {
    assert.equal(latePickupExtraMinutes(0, 'actual'), 0);
    assert.equal(latePickupExtraMinutes(1, 'actual'), 30);
    assert.equal(latePickupExtraMinutes(29, 'actual'), 30);
    assert.equal(latePickupExtraMinutes(30, 'actual'), 30);
    assert.equal(latePickupExtraMinutes(31, 'actual'), 60);
    assert.equal(latePickupExtraMinutes(89, 'actual'), 90);
    assert.equal(latePickupExtraMinutes(90, 'actual'), 90);
  });

  test('is measured from the booked end at check-out and charged on top of the booked hours', () => {
    const late29 = chargeOf(facts({ checkedOutAt: at('12:29') }));
    assert.deepEqual([late29.lateMinutes, late29.billedMinutes, late29.extraMinutes, late29.feeYen], [29, 180, 0, 900]);
    const late30 = chargeOf(facts({ checkedOutAt: at('12:30') }));
    assert.deepEqual([late30.lateMinutes, late30.extraMinutes, late30.chargedMinutes, late30.feeYen], [30, 60, 240, 1200]);
    const late89 = chargeOf(facts({ checkedOutAt: at('13:29') }));
    assert.deepEqual([late89.lateMinutes, late89.extraMinutes, late89.feeYen], [89, 60, 1200]);
    const late90 = chargeOf(facts({ checkedOutAt: at('13:30') }));
    assert.deepEqual([late90.lateMinutes, late90.extraMinutes, late90.feeYen], [90, 120, 1500]);
    const actual = chargeOf(facts({ checkedOutAt: at('12:10'), rule: 'actual' }));
    assert.deepEqual([actual.extraMinutes, actual.feeYen], [30, 1050]);
  });
});

describe('same-day cancellation and no-show', () => {
  test('keep the booked hours and are charged where the facility charges them', () => {
    const cancelled = chargeOf(facts({ status: 'late_cancelled', checkedInAt: null, checkedOutAt: null }));
    assert.deepEqual([cancelled.state, cancelled.billedMinutes, cancelled.chargedMinutes, cancelled.feeYen, cancelled.payable], ['late_cancelled', 180, 180, 900, true]);
    const free = chargeOf(facts({ status: 'late_cancelled', checkedInAt: null, checkedOutAt: null, chargesLateCancellations: false }));
    assert.deepEqual([free.billedMinutes, free.chargedMinutes, free.feeYen, free.payable], [180, 0, 0, false]);
    const noShow = chargeOf(facts({ checkedInAt: null, checkedOutAt: null, noShowAt: at('10:00') }));
    assert.deepEqual([noShow.state, noShow.billedMinutes, noShow.feeYen], ['no_show', 180, 900]);
    const noShowFree = chargeOf(facts({ checkedInAt: null, checkedOutAt: null, noShowAt: at('10:00'), chargesLateCancellations: false }));
    assert.deepEqual([noShowFree.billedMinutes, noShowFree.feeYen], [180, 0]);
  });
});

describe('reductions', () => {
  test('per hour from the facility rate, never below 0', () => {
    assert.equal(hourlyFee(300, undefined), 300);
    assert.equal(hourlyFee(300, 'public_assistance'), 0);
    assert.equal(hourlyFee(300, 'tax_exempt'), 60);
    assert.equal(hourlyFee(300, 'income_tax_exempt'), 90);
    assert.equal(hourlyFee(300, 'support_needed'), 150);
    assert.equal(hourlyFee(200, 'tax_exempt'), 0);
    assert.equal(feeOf(90, 301), 451);
  });

  test('the one in effect on the day of use, changing on its effective date', () => {
    const periods = [
      { category: 'tax_exempt' as const, effectiveFrom: CalendarDate.from('2026-04-01'), effectiveUntil: CalendarDate.from('2026-08-31') },
      { category: 'income_tax_exempt' as const, effectiveFrom: CalendarDate.from('2026-09-01') },
    ];
    assert.equal(reductionOn(periods, CalendarDate.from('2026-03-31')), undefined);
    assert.equal(reductionOn(periods, CalendarDate.from('2026-04-01')), 'tax_exempt');
    assert.equal(reductionOn(periods, CalendarDate.from('2026-08-31')), 'tax_exempt');
    assert.equal(reductionOn(periods, CalendarDate.from('2026-09-01')), 'income_tax_exempt');
    assert.equal(reductionOn(periods, CalendarDate.from('2027-03-31')), 'income_tax_exempt');
    const aug = chargeOf(facts({ booked: TimeRange.of(CalendarDate.from('2026-08-31'), 540, 720), reduction: reductionOn(periods, CalendarDate.from('2026-08-31')) }));
    assert.equal(aug.perHourYen, 60);
    const sep = chargeOf(facts({ reduction: reductionOn(periods, CalendarDate.from('2026-09-01')) }));
    assert.equal(sep.perHourYen, 90);
    assert.equal(sep.feeYen, 270);
    const ended = [{ category: 'support_needed' as const, effectiveFrom: CalendarDate.from('2026-04-01'), effectiveUntil: CalendarDate.from('2026-06-30') }];
    assert.equal(reductionOn(ended, CalendarDate.from('2026-07-01')), undefined);
  });

  test('a fully reduced use costs nothing and is not payable', () => {
    const c = chargeOf(facts({ reduction: 'public_assistance', checkedOutAt: at('13:30') }));
    assert.deepEqual([c.chargedMinutes, c.feeYen, c.payable], [300, 0, false]);
  });
});
