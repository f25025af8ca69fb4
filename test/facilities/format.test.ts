// The pure parts of step 5: how typed times and numbers are read, and how facts are written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDecimal, parseTime, parseWholeNumber } from '../../src/facilities/form.ts';
import { formatAges, formatDays, formatDistance, formatFee, formatHours } from '../../src/facilities/model.ts';

test('times are read as typed on a Japanese keyboard', () => {
  for (const [typed, read] of [
    ['8:30', '08:30'],
    ['08:30', '08:30'],
    ['８：３０', '08:30'],
    ['8時30分', '08:30'],
    ['18時', '18:00'],
    ['0830', '08:30'],
    [' 17:00 ', '17:00'],
  ] as const) {
    assert.equal(parseTime(typed), read, typed);
  }
  for (const bad of ['', '24:00', '8:60', '8:3', 'eight', '8.30']) assert.equal(parseTime(bad), undefined, bad);
});

test('numbers accept full-width digits, separators and units, and nothing else', () => {
  assert.equal(parseDecimal('３７．３１４４'), 37.3144);
  assert.equal(parseDecimal('138.7953'), 138.7953);
  assert.equal(parseDecimal('-33.9'), -33.9);
  for (const bad of ['', '37,3', 'N37', '37.3.1', '1e3']) assert.equal(parseDecimal(bad), undefined, bad);
  assert.equal(parseWholeNumber('1,200円'), 1200);
  assert.equal(parseWholeNumber('３人'), 3);
  for (const bad of ['', '-1', '3.5', 'three']) assert.equal(parseWholeNumber(bad), undefined, bad);
});

test('days, ages, hours, fees and distances are written as people read them', () => {
  assert.equal(formatDays([1, 2, 3, 4, 5], 'ja'), '月～金');
  assert.equal(formatDays([6, 1, 2, 3, 4, 5], 'ja'), '月～土');
  assert.equal(formatDays([1, 3, 5], 'ja'), '月・水・金');
  assert.equal(formatDays([1, 2, 4, 5, 6], 'ja'), '月・火・木～土');
  assert.equal(formatDays([1, 2, 3, 4, 5], 'en'), 'Mon–Fri');
  assert.equal(formatAges([2, 0, 1], 'ja'), '0歳（6か月から）・1歳・2歳');
  assert.equal(formatHours('07:30:00', '18:30:00'), '7:30～18:30');
  assert.equal(formatFee(1200, 'ja'), '1時間 1,200円');
  assert.equal(formatDistance(353), '350 m');
  assert.equal(formatDistance(4), '10 m');
  assert.equal(formatDistance(1843), '1.8 km');
  assert.equal(formatDistance(15_600), '16 km');
});
