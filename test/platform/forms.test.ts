// The shared form pieces of src/platform: checked values, the checkbox group, the summary list and
// the data table. The pages that use them are tested over HTTP in each capability's tests.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checked, normaliseLines } from '../../src/platform/validation.ts';
import { CheckboxGroup, SummaryList } from '../../src/platform/ui/forms.tsx';
import { Table } from '../../src/platform/ui/table.tsx';

const html = async (element: JSX.Element) => String(await element);

describe('checked', () => {
  test('the value when no field has an error, and no errors', () => {
    const result = checked({}, { n: 1 });
    assert.equal(result.errors, undefined);
    assert.deepEqual(result, { value: { n: 1 } });
  });

  test('the errors, and no value, as soon as one field has an error', () => {
    const result = checked({ name: '氏名を入力してください' }, { n: 1 });
    assert.equal(result.value, undefined);
    assert.deepEqual(result, { errors: { name: '氏名を入力してください' } });
  });
});

describe('normaliseLines', () => {
  test('line breaks of any platform become \\n; the ends are trimmed, the lines themselves are not', () => {
    assert.equal(normaliseLines('  a \r\nb\rc\n '), 'a \nb\nc');
    assert.equal(normaliseLines(undefined), '');
  });
});

describe('CheckboxGroup', () => {
  const options = [
    { value: '1', label: '月曜日' },
    { value: '2', label: '火曜日' },
  ];

  test('each box posts under `${name}.${value}`, ticked as given; the first box is where the error summary leads', async () => {
    const page = await html(CheckboxGroup({ name: 'openDays', label: '開所日', lang: 'ja', required: true, options, checked: ['2'] }));
    assert.match(page, /<input type="checkbox" id="f-openDays" name="openDays\.1" value="yes"\/>/);
    assert.match(page, /<input type="checkbox" id="f-openDays-2" name="openDays\.2" value="yes" checked\/>/);
    assert.match(page, /<label for="f-openDays">月曜日<\/label>/);
    assert.match(page, /<legend><span>開所日<\/span><span class="required">※必須<\/span><\/legend>/);
  });

  test('a prefix lets two groups post under one name', async () => {
    const page = await html(CheckboxGroup({ name: 'allergens-mandatory', prefix: 'allergen', label: 'アレルギー', lang: 'ja', options: [{ value: 'egg', label: '卵' }], checked: [] }));
    assert.match(page, /id="f-allergens-mandatory" name="allergen\.egg"/);
  });

  test('an error is shown in the legend’s place, linked to the group and marked on every box', async () => {
    const page = await html(CheckboxGroup({ name: 'ages', label: '年齢', lang: 'ja', error: '選んでください', options, checked: [] }));
    assert.match(page, /<fieldset class="field" aria-describedby="f-ages-error">/);
    assert.match(page, /<span class="error-message" id="f-ages-error"><span class="visually-hidden">エラー：<\/span><span>選んでください<\/span><\/span>/);
    assert.equal([...page.matchAll(/aria-invalid="true"/g)].length, 2);
  });

  test('labels are escaped', async () => {
    const page = await html(CheckboxGroup({ name: 'x', label: '<b>', lang: 'ja', options: [{ value: 'a', label: '<script>' }], checked: [] }));
    assert.doesNotMatch(page, /<script>|<b>/);
    assert.match(page, /<label for="f-x">&lt;script>/);
  });
});

describe('SummaryList', () => {
  test('one line per row as plain text; free text keeps its line breaks; everything escaped', async () => {
    const page = await html(
      SummaryList({
        rows: [
          { key: '氏名', value: '小千谷 <花子>' },
          { key: '補足', value: '一行目\n二行目' },
          { key: '一覧', value: ['a', 'b'] },
        ],
      }),
    );
    assert.match(page, /<dt>氏名<\/dt><dd>小千谷 &lt;花子><\/dd>/);
    assert.match(page, /<dd><span>一行目<\/span><br\/><span>二行目<\/span><\/dd>/);
    assert.match(page, /<dd><span>a<\/span><br\/><span>b<\/span><\/dd>/);
  });

  test('a change link names its row for screen readers', async () => {
    const page = await html(SummaryList({ rows: [{ key: '住所', value: '新潟県', change: { href: '/edit#f-address', label: '変更' } }] }));
    assert.match(page, /<dd><a href="\/edit#f-address"><span>変更<\/span><span class="visually-hidden"> 住所<\/span><\/a><\/dd>/);
  });
});

describe('Table', () => {
  const rows = [
    { id: 'a', name: 'にじいろ<保育園>' },
    { id: 'b', name: 'そら' },
  ];

  test('a named, focusable scroll region; a caption; headers with scope="col"; one row per item', async () => {
    const page = await html(
      Table({
        id: 'facilities',
        caption: '施設の一覧',
        rows,
        columns: [
          { header: '施設名', text: (r) => r.name },
          { header: 'リンク', cell: (r) => `<a href="/f/${r.id}">開く</a>` },
        ],
      }),
    );
    assert.match(page, /^<div class="table-wrap" role="region" aria-labelledby="facilities-caption" tabindex="0"><table id="facilities">/);
    assert.match(page, /<caption id="facilities-caption" class="visually-hidden">施設の一覧<\/caption>/);
    assert.match(page, /<thead><tr><th scope="col">施設名<\/th><th scope="col">リンク<\/th><\/tr><\/thead>/);
    assert.equal([...page.matchAll(/<tr><td>/g)].length, 2);
  });

  test('text cells are escaped; markup cells are the markup the page built', async () => {
    const page = await html(
      Table({
        id: 't',
        caption: 'c',
        rows,
        columns: [
          { header: 'name', text: (r) => r.name },
          { header: 'link', cell: (r) => `<a href="/f/${r.id}">開く</a>` },
        ],
      }),
    );
    assert.match(page, /<td>にじいろ&lt;保育園><\/td><td><a href="\/f\/a">開く<\/a><\/td>/);
  });
});
