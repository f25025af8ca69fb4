// Charts drawn on the server (platform/ui/charts.tsx): the SVG must work under the pages'
// Content-Security-Policy, and people's names in it must stay text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { barChartSvg } from '../../src/platform/ui/charts.tsx';

const chart = () =>
  barChartSvg({ categories: ['<b>園</b>', '2026-11'], series: [{ name: '確定', data: [1, 2] }, { name: '期限後キャンセル', data: [0, 1] }], stacked: true });

test('no style attributes (style-src \'self\' would drop them): the font is in presentation attributes', () => {
  const svg = chart();
  assert.doesNotMatch(svg, /style="/);
  const texts = [...svg.matchAll(/<text [^>]*>/g)].map((m) => m[0]);
  assert.ok(texts.length > 0);
  for (const text of texts) assert.match(text, /font-size="12" font-family="Noto Sans JP, sans-serif"/);
});

test('names are escaped, never markup', () => {
  const svg = chart();
  assert.ok(!svg.includes('<b>'));
  assert.match(svg, /&lt;b&gt;園&lt;\/b&gt;/);
});
