// The claim's arithmetic (issue 10): the age class on the day of use (a birthday within the month),
// the fiscal year's unit price (March vs April), 59/61-minute rounding feeding the claim, cancellation
// and no-show lines, uses left out, add-ons, and when a month may be claimed.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CalendarDate } from '../../src/platform/time.ts';
import { billedMinutes } from '../../src/fees/rules.ts';
import { claimLines, fiscalYearOf, monthIsOver, totalOf, type ClaimUse, type PriceTable } from '../../src/claims/rules.ts';

const d = CalendarDate.from;
const PRICES: PriceTable = new Map([[2026, { age0: 1700, age1_2: 1400 }]]);
let n = 0;
function use(date: string, birth: string, state: ClaimUse['state'], minutes: number, childId = 'c1'): ClaimUse {
  n += 1;
  return { reservationId: `r${String(n).padStart(3, '0')}`, childId, childName: childId, childKana: childId, birthDate: d(birth), date: d(date), state, billedMinutes: minutes };
}

describe('claim lines', () => {
  test('the age class is the one on the day of use: a first birthday within the month changes the price', () => {
    // Born 2025-10-15: one year old from 2026-10-14 (age is reached the day before the birthday).
    const { lines } = claimLines([use('2026-10-13', '2025-10-15', 'attended', 60), use('2026-10-14', '2025-10-15', 'attended', 60)], PRICES, () => []);
    assert.deepEqual(
      lines.map((l) => [l.date.toString(), l.ageClass, l.yenPerHour, l.amountYen]),
      [
        ['2026-10-13', 0, 1700, 1700],
        ['2026-10-14', 1, 1400, 1400],
      ],
    );
  });

  test('59 and 61 minutes of recorded time bill 1 hour and 1 hour 30 minutes', () => {
    const { lines } = claimLines([use('2026-10-05', '2025-01-10', 'attended', billedMinutes(59)), use('2026-10-06', '2025-01-10', 'attended', billedMinutes(61))], PRICES, () => []);
    assert.deepEqual(lines.map((l) => [l.billedMinutes, l.amountYen]), [[60, 1400], [90, 2100]]);
    assert.equal(totalOf(lines), 3500);
    // 0歳 at 1 h 30 min: 1,700 × 1.5 = 2,550 (whole yen).
    assert.equal(claimLines([use('2026-10-06', '2026-05-01', 'attended', 90)], PRICES, () => []).lines[0]!.amountYen, 2550);
  });

  test('the fiscal year runs April–March: a price is looked up per use, and a year without prices is left out', () => {
    assert.equal(fiscalYearOf(d('2027-03-31')), 2026);
    assert.equal(fiscalYearOf(d('2027-04-01')), 2027);
    assert.equal(fiscalYearOf(d('2026-04-01')), 2026);
    const { lines, omitted } = claimLines([use('2027-03-31', '2025-06-01', 'attended', 60), use('2027-04-01', '2025-06-01', 'attended', 60)], PRICES, () => []);
    assert.deepEqual(lines.map((l) => l.date.toString()), ['2027-03-31']);
    assert.deepEqual(omitted.map((o) => [o.date.toString(), o.why]), [['2027-04-01', 'no_price']]);
    const next: PriceTable = new Map([...PRICES, [2027, { age0: 1800, age1_2: 1500 }]]);
    assert.deepEqual(claimLines([use('2027-04-01', '2025-06-01', 'attended', 60)], next, () => []).lines.map((l) => l.yenPerHour), [1500]);
  });

  test('a same-day cancellation and a no-show are lines of their own kind with the booked hours; unrecorded uses are left out', () => {
    const { lines, omitted } = claimLines(
      [use('2026-10-20', '2025-01-10', 'late_cancelled', 120), use('2026-10-21', '2025-01-10', 'no_show', 90), use('2026-10-22', '2025-01-10', 'not_recorded', 0), use('2026-10-23', '2025-01-10', 'in_care', 0)],
      PRICES,
      () => [],
    );
    assert.deepEqual(lines.map((l) => [l.kind, l.billedMinutes, l.amountYen]), [['late_cancel', 120, 2800], ['no_show', 90, 2100]]);
    assert.deepEqual(omitted.map((o) => o.why), ['not_recorded', 'in_care']);
  });

  test('a child of three is outside the age classes', () => {
    const { lines, omitted } = claimLines([use('2026-10-20', '2023-10-01', 'attended', 60)], PRICES, () => []);
    assert.equal(lines.length, 0);
    assert.equal(omitted[0]!.why, 'no_age_class');
  });

  test('add-ons add their price per hour; an add-on without a price adds 0', () => {
    const prices: PriceTable = new Map([[2026, { age0: 1700, age1_2: 1400, disability: 500 }]]);
    const { lines } = claimLines([use('2026-10-20', '2025-01-10', 'attended', 90, 'a'), use('2026-10-20', '2025-01-10', 'attended', 60, 'b')], prices, (child) => (child === 'a' ? ['disability', 'medical_care'] : []));
    assert.deepEqual(lines.map((l) => [l.childId, l.addons, l.addonYenPerHour, l.amountYen]), [['a', ['disability', 'medical_care'], 500, 2850], ['b', [], 0, 1400]]);
  });

  test('lines are ordered by date, then child', () => {
    const { lines } = claimLines([use('2026-10-31', '2025-01-10', 'attended', 60, 'b'), use('2026-10-01', '2025-01-10', 'attended', 60, 'b'), use('2026-10-01', '2025-01-10', 'attended', 60, 'a')], PRICES, () => []);
    assert.deepEqual(lines.map((l) => `${l.date.day}${l.childId}`), ['1a', '1b', '31b']);
  });
});

describe('when a month may be claimed', () => {
  test('from the first of the next month (Tokyo), not on its last day', () => {
    assert.equal(monthIsOver(d('2026-10-01'), d('2026-10-31')), false);
    assert.equal(monthIsOver(d('2026-10-01'), d('2026-11-01')), true);
    assert.equal(monthIsOver(d('2026-12-01'), d('2027-01-01')), true);
    assert.equal(monthIsOver(d('2026-12-01'), d('2026-12-31')), false);
  });
});
