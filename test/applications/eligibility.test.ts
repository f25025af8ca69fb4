import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dateAgeReached, eligibilityOn, eligibilityWindow } from '../../src/applications/rules.ts';

/** 'YYYY-MM-DD' moved by a number of days (UTC arithmetic, no time zones involved). */
function addDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

describe('dateAgeReached (年齢計算ニ関スル法律・民法143条)', () => {
  test('an age is reached on the day before the anniversary', () => {
    assert.equal(dateAgeReached('2025-05-20', 6), '2025-11-19');
    assert.equal(dateAgeReached('2025-05-20', 12), '2026-05-19');
    assert.equal(dateAgeReached('2025-05-20', 36), '2028-05-19');
  });

  test('a birth on the 1st reaches its age on the last day of the previous month', () => {
    assert.equal(dateAgeReached('2025-03-01', 6), '2025-08-31');
    assert.equal(dateAgeReached('2025-07-01', 6), '2025-12-31');
    assert.equal(dateAgeReached('2025-01-01', 12), '2025-12-31');
    assert.equal(dateAgeReached('2024-05-01', 6), '2024-10-31');
  });

  test('crossing into the next year', () => {
    assert.equal(dateAgeReached('2025-07-02', 6), '2026-01-01');
    assert.equal(dateAgeReached('2025-12-15', 6), '2026-06-14');
  });

  test('where the anniversary does not exist, the age is reached on the last day of that month', () => {
    assert.equal(dateAgeReached('2025-08-31', 6), '2026-02-28');
    assert.equal(dateAgeReached('2025-08-30', 6), '2026-02-28');
    assert.equal(dateAgeReached('2025-08-29', 6), '2026-02-28');
    // The 28th exists in February: the day before it.
    assert.equal(dateAgeReached('2025-08-28', 6), '2026-02-27');
    assert.equal(dateAgeReached('2025-05-31', 6), '2025-11-30');
    assert.equal(dateAgeReached('2025-05-30', 6), '2025-11-29');
    assert.equal(dateAgeReached('2025-12-31', 6), '2026-06-30');
    assert.equal(dateAgeReached('2025-10-31', 6), '2026-04-30');
  });

  test('leap years: 29 February exists only in some years', () => {
    // Born 31 August 2023: six months later is February 2024, which has 29 days.
    assert.equal(dateAgeReached('2023-08-31', 6), '2024-02-29');
    assert.equal(dateAgeReached('2023-08-29', 6), '2024-02-28');
    // Born 29 February 2024: the first and third anniversaries do not exist.
    assert.equal(dateAgeReached('2024-02-29', 12), '2025-02-28');
    assert.equal(dateAgeReached('2024-02-29', 36), '2027-02-28');
    // … but the fourth does.
    assert.equal(dateAgeReached('2024-02-29', 48), '2028-02-28');
    assert.equal(dateAgeReached('2024-02-29', 6), '2024-08-28');
    // Born 1 March 2025: three years later is 1 March 2028, the day before is 29 February.
    assert.equal(dateAgeReached('2025-03-01', 36), '2028-02-29');
    assert.equal(dateAgeReached('2024-03-01', 36), '2027-02-28');
  });
});

describe('eligibilityWindow', () => {
  test('an ordinary birth date', () => {
    assert.deepEqual(eligibilityWindow('2025-05-20'), { from: '2025-11-19', until: '2028-05-18' });
  });

  test('a month-end birth', () => {
    assert.deepEqual(eligibilityWindow('2025-08-31'), { from: '2026-02-28', until: '2028-08-29' });
    assert.deepEqual(eligibilityWindow('2025-05-31'), { from: '2025-11-30', until: '2028-05-29' });
  });

  test('born on 29 February: the third year is reached on 28 February, eligible until the 27th', () => {
    assert.deepEqual(eligibilityWindow('2024-02-29'), { from: '2024-08-28', until: '2027-02-27' });
  });

  test('until may fall on 29 February of a leap year', () => {
    assert.deepEqual(eligibilityWindow('2025-03-02'), { from: '2025-09-01', until: '2028-02-29' });
    assert.deepEqual(eligibilityWindow('2025-03-01'), { from: '2025-08-31', until: '2028-02-28' });
  });

  test('until crosses a month start: born on the 1st', () => {
    // Third year reached 2028-06-30, so the last eligible day is 2028-06-29.
    assert.deepEqual(eligibilityWindow('2025-07-01'), { from: '2025-12-31', until: '2028-06-29' });
    // Born on the 2nd: reached on the 1st, last day the last day of the previous month.
    assert.deepEqual(eligibilityWindow('2025-07-02'), { from: '2026-01-01', until: '2028-06-30' });
  });

  test('for every birth date over six years, the window is ordered and never moves backwards', () => {
    let birth = '2022-01-01';
    let previous = eligibilityWindow(addDays(birth, -1));
    let count = 0;
    while (birth <= '2027-12-31') {
      const window = eligibilityWindow(birth);
      assert.ok(window.from > birth, `${birth}: from ${window.from}`);
      assert.ok(window.from < window.until, `${birth}: ${window.from} .. ${window.until}`);
      // From one birth date to the next the window never goes backwards. It moves by a day, stays
      // (month-end births share the last day of a shorter month) or jumps at most 4 days (28 Feb →
      // 1 Mar of a common year, carried into a month of 31 days); jumps happen only for births on the 1st.
      for (const key of ['from', 'until'] as const) {
        const step = (Date.parse(window[key]) - Date.parse(previous[key])) / 86_400_000;
        assert.ok(step >= 0 && step <= 4, `${birth}: ${key} moved ${step} days (${previous[key]} → ${window[key]})`);
        if (!birth.endsWith('-01')) assert.ok(step <= 1, `${birth}: ${key} moved ${step} days`);
      }
      // The last eligible day is always two days before the third birthday, where that exists.
      const [y, m, d] = birth.split('-').map(Number) as [number, number, number];
      const thirdBirthday = new Date(Date.UTC(y + 3, m - 1, d));
      if (thirdBirthday.getUTCDate() === d) {
        assert.equal(window.until, addDays(thirdBirthday.toISOString().slice(0, 10), -2), birth);
      }
      previous = window;
      birth = addDays(birth, 1);
      count += 1;
    }
    assert.ok(count > 2000);
  });
});

describe('eligibilityOn', () => {
  test('the boundaries of an ordinary window', () => {
    const birth = '2025-05-20';
    assert.equal(eligibilityOn(birth, '2025-11-18'), 'too-young');
    assert.equal(eligibilityOn(birth, '2025-11-19'), 'eligible');
    assert.equal(eligibilityOn(birth, '2026-12-01'), 'eligible');
    assert.equal(eligibilityOn(birth, '2028-05-18'), 'eligible');
    assert.equal(eligibilityOn(birth, '2028-05-19'), 'too-old');
    assert.equal(eligibilityOn(birth, '2028-05-20'), 'too-old');
  });

  test('born today or earlier this year is too young', () => {
    assert.equal(eligibilityOn('2025-05-20', '2025-05-20'), 'too-young');
    assert.equal(eligibilityOn('2025-05-20', '2025-06-20'), 'too-young');
  });

  test('a birth date in the future is not-born', () => {
    assert.equal(eligibilityOn('2026-01-01', '2025-12-31'), 'not-born');
    assert.equal(eligibilityOn('2027-05-20', '2025-05-20'), 'not-born');
  });

  test('month-end births around February', () => {
    assert.equal(eligibilityOn('2025-08-31', '2026-02-27'), 'too-young');
    assert.equal(eligibilityOn('2025-08-31', '2026-02-28'), 'eligible');
    assert.equal(eligibilityOn('2023-08-31', '2024-02-28'), 'too-young');
    assert.equal(eligibilityOn('2023-08-31', '2024-02-29'), 'eligible');
  });

  test('born on 29 February', () => {
    assert.equal(eligibilityOn('2024-02-29', '2024-08-27'), 'too-young');
    assert.equal(eligibilityOn('2024-02-29', '2024-08-28'), 'eligible');
    assert.equal(eligibilityOn('2024-02-29', '2027-02-27'), 'eligible');
    assert.equal(eligibilityOn('2024-02-29', '2027-02-28'), 'too-old');
    assert.equal(eligibilityOn('2024-02-29', '2027-03-01'), 'too-old');
  });

  test('the last eligible day on 29 February of a leap year', () => {
    assert.equal(eligibilityOn('2025-03-02', '2028-02-29'), 'eligible');
    assert.equal(eligibilityOn('2025-03-02', '2028-03-01'), 'too-old');
    assert.equal(eligibilityOn('2025-03-01', '2028-02-28'), 'eligible');
    assert.equal(eligibilityOn('2025-03-01', '2028-02-29'), 'too-old');
  });
});
