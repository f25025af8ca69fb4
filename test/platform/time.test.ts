import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { TestClock } from '../../src/platform/clock.ts';
import { CalendarDate, DateRange, TimeRange, formatMinuteOfDay, minuteOfDay, parseYearMonth, yearMonthOf } from '../../src/platform/time.ts';

const date = (text: string) => CalendarDate.from(text);
const days = (range: DateRange) => [...range.days()].map(String);

describe('CalendarDate: parsing', () => {
  test('takes exactly YYYY-MM-DD naming a real date', () => {
    assert.equal(CalendarDate.parse('2026-01-12')?.toString(), '2026-01-12');
    assert.equal(CalendarDate.parse('2024-02-29')?.toString(), '2024-02-29');
    assert.equal(CalendarDate.parse('2000-02-29')?.toString(), '2000-02-29');
    const parsed = CalendarDate.parse('2026-11-03');
    assert.deepEqual([parsed?.year, parsed?.month, parsed?.day], [2026, 11, 3]);
  });

  test('refuses impossible dates and other shapes', () => {
    for (const text of [
      '2026-02-30',
      '2026-02-29', // not a leap year
      '1900-02-29', // divisible by 100, not by 400
      '2026-04-31',
      '2026-13-01',
      '2026-00-10',
      '2026-01-00',
      '2026-1-12',
      '26-01-12',
      '2026/01/12',
      '2026-01-12T00:00:00Z',
      ' 2026-01-12',
      '２０２６-01-12',
      '0099-01-01',
      '',
    ]) {
      assert.equal(CalendarDate.parse(text), undefined, text);
    }
    assert.throws(() => CalendarDate.from('2026-02-30'), RangeError);
  });

  test('fromParts checks the same way', () => {
    assert.equal(CalendarDate.fromParts(2028, 2, 29)?.toString(), '2028-02-29');
    assert.equal(CalendarDate.fromParts(2027, 2, 29), undefined);
    assert.equal(CalendarDate.fromParts(2026, 1, 1.5), undefined);
    assert.equal(CalendarDate.fromParts(Number.NaN, 1, 1), undefined);
  });

  test('is immutable', () => {
    const day = date('2026-01-12');
    assert.throws(() => {
      (day as unknown as { day: number }).day = 13;
    }, TypeError);
    day.addDays(1);
    assert.equal(day.toString(), '2026-01-12');
  });
});

describe('CalendarDate: today in Tokyo', () => {
  test('the date changes at midnight in Tokyo (15:00 UTC), not at midnight UTC', () => {
    const clock = new TestClock(new Date('2026-01-11T14:59:59.999Z'));
    assert.equal(CalendarDate.today(clock).toString(), '2026-01-11');
    clock.set('2026-01-11T15:00:00Z');
    assert.equal(CalendarDate.today(clock).toString(), '2026-01-12');
    clock.set('2026-01-12T14:59:59Z');
    assert.equal(CalendarDate.today(clock).toString(), '2026-01-12');
  });

  test('New Year comes nine hours before it does in UTC', () => {
    assert.equal(CalendarDate.inTokyo(new Date('2026-12-31T14:59:59Z')).toString(), '2026-12-31');
    assert.equal(CalendarDate.inTokyo(new Date('2026-12-31T15:00:00Z')).toString(), '2027-01-01');
  });

  test('Tokyo has no daylight saving: the fixed offset agrees with the time-zone database for every month 1970–2050', () => {
    const tokyo = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' });
    for (let year = 1970; year <= 2050; year++) {
      for (let month = 0; month < 12; month++) {
        // Just before and at midnight in Tokyo, around the time a DST switch would happen elsewhere.
        for (const at of [Date.UTC(year, month, 10, 14, 59, 59), Date.UTC(year, month, 10, 15), Date.UTC(year, month, 28, 17)]) {
          assert.equal(CalendarDate.inTokyo(new Date(at)).toString(), tokyo.format(at), new Date(at).toISOString());
        }
      }
    }
  });

  test('startOfDay is 00:00 in Tokyo, 15:00 UTC the day before', () => {
    assert.equal(date('2026-01-12').startOfDay().toISOString(), '2026-01-11T15:00:00.000Z');
    assert.equal(date('2027-01-01').startOfDay().toISOString(), '2026-12-31T15:00:00.000Z');
  });

  test('gives the same answers whatever time zone the server runs in', () => {
    const script = `
      import { CalendarDate, TimeRange } from ${JSON.stringify(new URL('../../src/platform/time.ts', import.meta.url).href)};
      const d = CalendarDate.inTokyo(new Date('2026-01-11T15:30:00Z'));
      const r = TimeRange.of(d, 540, 600);
      console.log(JSON.stringify([d.toString(), d.weekday, d.holidayName('ja'), d.addMonths(1).toString(), d.startOfDay().toISOString(), r.start.toISOString()]));
    `;
    const answers = ['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati'].map((zone) => {
      const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { env: { ...process.env, TZ: zone }, encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
      return run.stdout.trim();
    });
    assert.equal(answers[0], JSON.stringify(['2026-01-12', 1, '成人の日', '2026-02-12', '2026-01-11T15:00:00.000Z', '2026-01-12T00:00:00.000Z']));
    assert.equal(answers[1], answers[0]);
    assert.equal(answers[2], answers[0]);
  });
});

describe('CalendarDate: arithmetic', () => {
  test('addDays across month ends, year ends and leap days', () => {
    assert.equal(date('2026-01-31').addDays(1).toString(), '2026-02-01');
    assert.equal(date('2026-02-28').addDays(1).toString(), '2026-03-01');
    assert.equal(date('2028-02-28').addDays(1).toString(), '2028-02-29');
    assert.equal(date('2028-02-29').addDays(1).toString(), '2028-03-01');
    assert.equal(date('2026-12-31').addDays(1).toString(), '2027-01-01');
    assert.equal(date('2027-01-01').addDays(-1).toString(), '2026-12-31');
    assert.equal(date('2026-03-01').addDays(-1).toString(), '2026-02-28');
    assert.equal(date('2026-01-12').addDays(365).toString(), '2027-01-12');
    assert.equal(date('2028-01-12').addDays(366).toString(), '2029-01-12');
    assert.equal(date('2026-01-12').addDays(0).toString(), '2026-01-12');
  });

  test('addMonths keeps the day, or clamps to the last day of a shorter month', () => {
    assert.equal(date('2026-01-12').addMonths(1).toString(), '2026-02-12');
    assert.equal(date('2026-01-31').addMonths(1).toString(), '2026-02-28');
    assert.equal(date('2028-01-31').addMonths(1).toString(), '2028-02-29');
    assert.equal(date('2026-03-31').addMonths(1).toString(), '2026-04-30');
    assert.equal(date('2026-03-31').addMonths(-1).toString(), '2026-02-28');
    assert.equal(date('2026-05-31').addMonths(-3).toString(), '2026-02-28');
    assert.equal(date('2024-02-29').addMonths(12).toString(), '2025-02-28');
    assert.equal(date('2024-02-29').addMonths(48).toString(), '2028-02-29');
    // The clamp does not carry: two single steps can differ from one double step.
    assert.equal(date('2026-01-31').addMonths(1).addMonths(1).toString(), '2026-03-28');
    assert.equal(date('2026-01-31').addMonths(2).toString(), '2026-03-31');
  });

  test('addMonths across year boundaries, both ways', () => {
    assert.equal(date('2026-12-15').addMonths(1).toString(), '2027-01-15');
    assert.equal(date('2026-11-30').addMonths(3).toString(), '2027-02-28');
    assert.equal(date('2027-01-15').addMonths(-1).toString(), '2026-12-15');
    assert.equal(date('2027-01-15').addMonths(-13).toString(), '2025-12-15');
    assert.equal(date('2026-07-01').addMonths(36).toString(), '2029-07-01');
  });

  test('first and last day of the month', () => {
    assert.equal(date('2026-02-14').firstOfMonth().toString(), '2026-02-01');
    assert.equal(date('2026-02-14').lastOfMonth().toString(), '2026-02-28');
    assert.equal(date('2028-02-01').lastOfMonth().toString(), '2028-02-29');
    assert.equal(date('2026-12-31').lastOfMonth().toString(), '2026-12-31');
    assert.equal(date('2026-04-30').lastOfMonth().toString(), '2026-04-30');
  });

  test('weekday is ISO: Monday 1 … Sunday 7', () => {
    assert.equal(date('2026-01-12').weekday, 1); // Monday
    assert.equal(date('2026-11-03').weekday, 2); // Tuesday
    assert.equal(date('2026-05-03').weekday, 7); // Sunday
    assert.equal(date('2026-05-02').weekday, 6); // Saturday
    assert.equal(date('1970-01-01').weekday, 4); // Thursday
    assert.equal(date('1969-12-31').weekday, 3); // before the epoch too
    assert.equal(date('2000-01-01').weekday, 6);
  });

  test('compare, equals, isBefore, isAfter and daysUntil', () => {
    const a = date('2026-12-31');
    const b = date('2027-01-01');
    assert.ok(a.compare(b) < 0 && b.compare(a) > 0 && a.compare(date('2026-12-31')) === 0);
    assert.ok(a.equals(date('2026-12-31')) && !a.equals(b));
    assert.ok(a.isBefore(b) && !b.isBefore(a) && b.isAfter(a) && !a.isAfter(a));
    assert.equal(a.daysUntil(b), 1);
    assert.equal(date('2028-01-01').daysUntil(date('2029-01-01')), 366);
    assert.equal(b.daysUntil(a), -1);
    const sorted = ['2027-01-01', '2026-02-28', '2026-12-31'].map(date).sort((x, y) => x.compare(y));
    assert.deepEqual(sorted.map(String), ['2026-02-28', '2026-12-31', '2027-01-01']);
  });

  test('properties over many dates: round trips, inverse steps, order agrees with the ISO string', () => {
    const anyDate = fc.date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }).map((at) => CalendarDate.inTokyo(at));
    fc.assert(
      fc.property(anyDate, anyDate, fc.integer({ min: -5000, max: 5000 }), (a, b, n) => {
        assert.ok(CalendarDate.from(a.toString()).equals(a));
        assert.ok(a.addDays(n).addDays(-n).equals(a));
        assert.equal(a.daysUntil(a.addDays(n)), n);
        const [x, y] = [a.toString(), b.toString()];
        assert.equal(Math.sign(a.compare(b)), x < y ? -1 : x > y ? 1 : 0);
        assert.equal(a.addDays(n).weekday, ((((a.weekday - 1 + n) % 7) + 7) % 7) + 1);
        const moved = a.addMonths(n % 240);
        assert.ok(moved.day === a.day || (moved.day < a.day && moved.equals(moved.lastOfMonth())));
      }),
      { numRuns: 2000 },
    );
  });

  test('leaving the four-digit years is an error, not a wrong date', () => {
    assert.throws(() => date('9999-12-31').addDays(1), RangeError);
    assert.throws(() => date('1000-01-01').addMonths(-1), RangeError);
  });
});

describe('CalendarDate: holidays (@holiday-jp/holiday_jp)', () => {
  test('national holidays, with their names', () => {
    assert.equal(date('2026-01-12').holidayName('ja'), '成人の日');
    assert.equal(date('2026-01-12').holidayName('en'), 'Coming of Age Day');
    assert.equal(date('2026-11-03').holidayName('ja'), '文化の日');
    assert.equal(date('2026-01-01').holidayName('ja'), '元日');
    assert.ok(date('2026-01-12').isHoliday());
    assert.ok(date('2026-11-03').isHoliday());
  });

  test('substitute holidays (振替休日) and the citizens’ holiday between two holidays (国民の休日)', () => {
    // 憲法記念日 fell on Sunday 3 May 2026: the next free weekday, 6 May, is off.
    assert.ok(date('2026-05-06').isHoliday());
    assert.match(date('2026-05-06').holidayName('ja') ?? '', /振替休日/);
    assert.equal(date('2026-05-06').holidayName('en'), 'Holiday in lieu');
    // 勤労感謝の日 on Sunday 23 November 2025 → Monday 24th.
    assert.match(date('2025-11-24').holidayName('ja') ?? '', /振替休日/);
    // 22 September 2026 lies between 敬老の日 and 秋分の日.
    assert.equal(date('2026-09-22').holidayName('ja'), '休日');
  });

  test('ordinary days, and the days around holidays, are not holidays', () => {
    for (const text of ['2026-01-11', '2026-01-13', '2026-11-02', '2026-11-04', '2026-05-07', '2026-12-31', '2027-01-02']) {
      assert.equal(date(text).isHoliday(), false, text);
      assert.equal(date(text).holidayName('ja'), undefined, text);
    }
  });

  test('a holiday is looked up by its date in Tokyo: 15:30 UTC on 11 January 2026 is already 成人の日', () => {
    const instant = new Date('2026-01-11T15:30:00Z');
    assert.equal(CalendarDate.inTokyo(instant).holidayName('ja'), '成人の日');
    assert.equal(CalendarDate.inTokyo(new Date('2026-11-03T14:59:00Z')).isHoliday(), true);
    assert.equal(CalendarDate.inTokyo(new Date('2026-11-03T15:00:00Z')).isHoliday(), false);
  });

  test('a date the package does not list is not a holiday', () => {
    assert.equal(date('1960-01-01').isHoliday(), false);
  });
});

describe('CalendarDate: formatting', () => {
  test('Japanese and English, with and without the weekday', () => {
    assert.equal(date('2026-01-12').format('ja'), '2026年1月12日');
    assert.equal(date('2026-01-12').format('ja', { weekday: true }), '2026年1月12日(月)');
    assert.equal(date('2026-11-29').format('ja', { weekday: true }), '2026年11月29日(日)');
    assert.equal(date('2026-01-12').format('en'), '12 Jan 2026');
    assert.equal(date('2026-12-05').format('en', { weekday: true }), 'Sat 5 Dec 2026');
  });

  test('toString and JSON are the ISO date PostgreSQL takes', () => {
    assert.equal(`${date('2026-01-02')}`, '2026-01-02');
    assert.equal(JSON.stringify({ on: date('2026-01-02') }), '{"on":"2026-01-02"}');
  });
});

describe('YYYY-MM', () => {
  test('parses a month from 2000 to 2998 to its first day, and writes it back', () => {
    assert.equal(String(parseYearMonth('2026-11')), '2026-11-01');
    assert.equal(yearMonthOf(date('2026-11-30')), '2026-11');
    assert.equal(String(parseYearMonth('2000-01')), '2000-01-01');
    assert.equal(String(parseYearMonth('2998-12')), '2998-12-01');
  });

  test('refuses anything else, and years a page could not step from', () => {
    for (const text of [undefined, '', '2026-13', '2026-00', '2026-1', '202611', '2026-11-01', ' 2026-11', '1999-12', '2999-01', '9999-12']) {
      assert.equal(parseYearMonth(text), undefined, String(text));
    }
  });
});

describe('DateRange', () => {
  test('inclusive at both ends', () => {
    const range = DateRange.of(date('2026-12-30'), date('2027-01-02'));
    assert.deepEqual(days(range), ['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']);
    assert.equal(range.dayCount, 4);
    assert.ok(range.contains(date('2026-12-30')) && range.contains(date('2027-01-02')) && range.contains(date('2027-01-01')));
    assert.ok(!range.contains(date('2026-12-29')) && !range.contains(date('2027-01-03')));
  });

  test('a single day, and an end before the start refused', () => {
    const one = DateRange.of(date('2026-01-12'), date('2026-01-12'));
    assert.deepEqual(days(one), ['2026-01-12']);
    assert.equal(one.dayCount, 1);
    assert.throws(() => DateRange.of(date('2026-01-12'), date('2026-01-11')), RangeError);
  });

  test('overlaps when at least one day is shared', () => {
    const january = DateRange.monthOf(date('2026-01-20'));
    assert.ok(january.overlaps(DateRange.of(date('2026-01-31'), date('2026-02-05'))), 'shares the 31st');
    assert.ok(january.overlaps(DateRange.of(date('2025-12-01'), date('2026-01-01'))), 'shares the 1st');
    assert.ok(january.overlaps(DateRange.of(date('2026-01-10'), date('2026-01-11'))), 'inside');
    assert.ok(DateRange.of(date('2026-01-10'), date('2026-01-11')).overlaps(january), 'and the other way round');
    assert.ok(!january.overlaps(DateRange.of(date('2026-02-01'), date('2026-02-05'))), 'the next day');
    assert.ok(!january.overlaps(DateRange.of(date('2025-12-01'), date('2025-12-31'))), 'the day before');
  });

  test('monthOf covers the calendar month, leap Februaries included', () => {
    assert.equal(DateRange.monthOf(date('2026-02-10')).toString(), '2026-02-01/2026-02-28');
    assert.equal(DateRange.monthOf(date('2028-02-10')).dayCount, 29);
    assert.equal(DateRange.monthOf(date('2026-12-31')).toString(), '2026-12-01/2026-12-31');
    // The weekdays of January 2026 that are not holidays: 元日 and 成人の日 are off.
    const workdays = [...DateRange.monthOf(date('2026-01-01')).days()].filter((d) => d.weekday <= 5 && !d.isHoliday());
    assert.equal(workdays.length, 20);
  });
});

describe('minuteOfDay', () => {
  test('reads HH:MM and the HH:MM:SS of a time column', () => {
    assert.equal(minuteOfDay('00:00'), 0);
    assert.equal(minuteOfDay('08:30'), 510);
    assert.equal(minuteOfDay('17:00:00'), 1020);
    assert.equal(minuteOfDay('24:00'), 1440);
    for (const text of ['8:30', '08:60', '24:01', '25:00', '08:30:15', '0830', '']) assert.equal(minuteOfDay(text), undefined, text);
    assert.equal(formatMinuteOfDay(510), '08:30');
    assert.equal(formatMinuteOfDay(1440), '24:00');
  });
});

describe('TimeRange', () => {
  const day = date('2026-01-12');

  test('minutes of a Tokyo day become timestamptz instants', () => {
    const morning = TimeRange.of(day, 9 * 60, 10 * 60 + 30);
    assert.equal(morning.start.toISOString(), '2026-01-12T00:00:00.000Z');
    assert.equal(morning.end.toISOString(), '2026-01-12T01:30:00.000Z');
    assert.equal(morning.durationMinutes, 90);
    assert.equal(morning.toString(), '2026-01-12 09:00–10:30');
    // Early morning in Tokyo is the previous day in UTC.
    assert.equal(TimeRange.of(day, 0, 60).start.toISOString(), '2026-01-11T15:00:00.000Z');
    assert.equal(TimeRange.of(day, 23 * 60, 1440).end.toISOString(), '2026-01-12T15:00:00.000Z');
  });

  test('from instants and back', () => {
    const range = TimeRange.fromInstants(new Date('2026-01-11T23:30:00Z'), new Date('2026-01-12T03:00:00Z'));
    assert.equal(range.date.toString(), '2026-01-12');
    assert.deepEqual([range.startMinute, range.endMinute], [8 * 60 + 30, 12 * 60]);
    const whole = TimeRange.fromInstants(day.startOfDay(), day.addDays(1).startOfDay());
    assert.deepEqual([whole.startMinute, whole.endMinute, whole.durationMinutes], [0, 1440, 1440]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 1, max: 1440 }), (start, length) => {
        const end = Math.min(start + length, 1440);
        const original = TimeRange.of(day, start, end);
        const back = TimeRange.fromInstants(original.start, original.end);
        assert.ok(back.date.equals(day) && back.startMinute === start && back.endMinute === end);
      }),
    );
  });

  test('refuses empty, reversed, cross-midnight and part-minute ranges', () => {
    assert.throws(() => TimeRange.of(day, 600, 600), RangeError);
    assert.throws(() => TimeRange.of(day, 600, 540), RangeError);
    assert.throws(() => TimeRange.of(day, -1, 60), RangeError);
    assert.throws(() => TimeRange.of(day, 0, 1441), RangeError);
    assert.throws(() => TimeRange.of(day, 0.5, 60), RangeError);
    // 23:00 to 01:00 in Tokyo spans two days.
    assert.throws(() => TimeRange.fromInstants(new Date('2026-01-12T14:00:00Z'), new Date('2026-01-12T16:00:00Z')), RangeError);
    assert.throws(() => TimeRange.fromInstants(new Date('2026-01-12T01:00:30Z'), new Date('2026-01-12T02:00:00Z')), RangeError);
    assert.throws(() => TimeRange.fromInstants(new Date('2026-01-12T02:00:00Z'), new Date('2026-01-12T01:00:00Z')), RangeError);
  });

  test('overlaps: half-open, so back-to-back ranges do not overlap', () => {
    const nineToTen = TimeRange.of(day, 540, 600);
    assert.ok(!nineToTen.overlaps(TimeRange.of(day, 600, 660)), '10:00–11:00 follows');
    assert.ok(!TimeRange.of(day, 480, 540).overlaps(nineToTen), '8:00–9:00 precedes');
    assert.ok(nineToTen.overlaps(TimeRange.of(day, 599, 660)), 'one minute shared');
    assert.ok(nineToTen.overlaps(TimeRange.of(day, 550, 560)), 'inside');
    assert.ok(TimeRange.of(day, 0, 1440).overlaps(nineToTen), 'the whole day');
    assert.ok(!nineToTen.overlaps(TimeRange.of(day.addDays(1), 540, 600)), 'same hours, next day');
    assert.ok(!TimeRange.of(day, 1380, 1440).overlaps(TimeRange.of(day.addDays(1), 0, 60)), 'across midnight, touching');
  });
});
