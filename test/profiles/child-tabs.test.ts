// Guide step 4 (2): a child's tabs — 基本情報, 食事・アレルギー情報, 健康情報, 緊急連絡先, お迎え予定者 —
// each edited through 編集 → 確定 → confirmation → OK; bad input shown again; double submits.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { textOf, type TestClient } from '../helpers/http.ts';
import { newGuardian } from '../helpers/journeys.ts';
import { page as parse } from '../helpers/page.ts';
import { childrenOf, hiddenFields, peopleFields, pressConfirm, pressOnConfirmScreen, saveTab, tabAction, tabEdit, tabView, type Tab } from './support.ts';

const EMAIL = 'tabs@example.jp';
let t: TestApp;
// A child the tests that save nothing share, left as the application registered it; a test that
// saves makes its own (newChild), so none depends on another having run first.
let guardian: TestClient;
let childId: string;
before(async () => {
  t = await startTestApp();
  ({ guardian, childId } = await newChild(EMAIL));
});
after(() => t.close());

async function newChild(email: string) {
  const client = await newGuardian(t.app, t.db, email);
  return { guardian: client, childId: (await childrenOf(t.db, email))[0]!.id };
}

async function profile(childId: string) {
  return t.db.selectFrom('child_profiles').selectAll().where('child_id', '=', childId).executeTakeFirstOrThrow();
}

async function people(childId: string, table: 'child_emergency_contacts' | 'child_pickup_persons') {
  return t.db.selectFrom(table).select(['id', 'position', 'name', 'relationship', 'phone']).where('child_id', '=', childId).orderBy('position').execute();
}

describe('tabs', () => {
  test('five tabs, links that work without JavaScript, the open one marked aria-current', async () => {
    const tabs: Array<[Tab, string]> = [
      ['basic', '基本情報'],
      ['meals', '食事・アレルギー情報'],
      ['health', '健康情報'],
      ['emergency', '緊急連絡先'],
      ['pickup', 'お迎え予定者'],
    ];
    for (const [tab, label] of tabs) {
      const page = await guardian.get(tabView(childId, tab));
      assert.equal(page.status, 200, tab);
      const shown = parse(page.body);
      const nav = shown.find('nav[aria-label="お子さまの情報"]');
      assert.ok(nav, `${tab}: the tabs`);
      for (const [other, otherLabel] of tabs) {
        const link = nav.querySelector(`a[href="${tabView(childId, other)}"]`);
        assert.equal(link?.textContent, otherLabel, `${tab}: a link to ${other}`);
        assert.equal(link.getAttribute('aria-current') === 'page', other === tab, `${tab}: aria-current only on the open tab`);
      }
      assert.ok(shown.all('h2').some((h) => h.textContent === label), `${tab}: heading ${label}`);
      assert.ok(shown.linksTo('編集').includes(tabEdit(childId, tab)), `${tab}: an 編集 link`);
    }
  });
});

describe('基本情報', () => {
  test('shows the certification read-only; bad input comes back with messages and the values typed', async () => {
    const page = textOf((await guardian.get(tabView(childId, 'basic'))).body);
    assert.match(page, /氏名 小千谷 さくら フリガナ オヂヤ サクラ 生年月日 2025年10月1日 性別 未入力 認定番号 15208\d{6} 認定の有効期間 2026年11月26日～2028年9月29日/);
    const edit = await guardian.get(tabEdit(childId, 'basic'));
    const editable = parse(edit.body).formFields(tabAction(childId, 'basic'));
    assert.ok(editable.includes('name'));
    assert.deepEqual(editable.filter((name) => /^(birth|certification)/.test(name)), [], 'birth date and certification are not editable');

    const answer = await pressConfirm(guardian, tabEdit(childId, 'basic'), tabAction(childId, 'basic'), { name: '', kana: 'Sakura', sex: 'other' });
    assert.equal(answer.status, 400);
    const text = textOf(answer.body);
    assert.match(text, /お子さまの氏名を入力してください/);
    assert.match(text, /フリガナは全角カタカナで入力してください/);
    assert.match(text, /性別は選択肢から選んでください/);
    const form = parse(answer.body);
    assert.equal(form.field('kana')?.value, 'Sakura');
    assert.ok(form.find('.error-summary a[href="#f-name"]'), 'the summary links to the name field');
  });

  test('編集 → 確定 → confirmation → OK', async () => {
    const { guardian, childId } = await newChild('tabs-basic@example.jp');
    const confirm = await pressConfirm(guardian, tabEdit(childId, 'basic'), tabAction(childId, 'basic'), { name: '小千谷　さくら子', kana: 'おぢや さくらこ', sex: 'female' });
    assert.equal(confirm.status, 200);
    assert.match(textOf(confirm.body), /基本情報の確認 .*氏名 小千谷 さくら子 フリガナ オヂヤ サクラコ .*性別 女/);
    assert.equal((await t.db.selectFrom('children').select('name').where('id', '=', childId).executeTakeFirstOrThrow()).name, '小千谷 さくら');
    const saved = await pressOnConfirmScreen(guardian, confirm, tabAction(childId, 'basic'));
    assert.equal(saved.status, 303);
    assert.match(textOf((await guardian.follow(saved)).body), /登録しました。 基本情報 氏名 小千谷 さくら子 フリガナ オヂヤ サクラコ 生年月日 2025年10月1日 性別 女/);
    const child = await t.db.selectFrom('children').select(['name', 'name_kana']).where('id', '=', childId).executeTakeFirstOrThrow();
    assert.deepEqual(child, { name: '小千谷 さくら子', name_kana: 'オヂヤ サクラコ' });
    assert.equal((await profile(childId)).sex, 'female');
  });
});

describe('odd input', () => {
  test('is never an error page: control characters, a forged line count, revision or action', async () => {
    const { guardian, childId } = await newChild('tabs-odd@example.jp');
    await saveTab(guardian, childId, 'basic', { name: '小千谷\u0000 さくら子', kana: 'オヂヤ サクラコ\u0007', sex: 'female' });
    const child = await t.db.selectFrom('children').select(['name', 'name_kana']).where('id', '=', childId).executeTakeFirstOrThrow();
    assert.deepEqual(child, { name: '小千谷 さくら子', name_kana: 'オヂヤ サクラコ' });

    await guardian.get(tabEdit(childId, 'emergency'));
    const forged = await guardian.post(tabAction(childId, 'emergency'), {
      ...peopleFields([{ name: '小千谷 花子', relationship: '母', phone: '090-1234-5678' }]),
      count: '999',
      revision: 'x',
      'person0.id': 'not-a-uuid',
      action: 'save',
    });
    assert.equal(forged.status, 409, 'a revision that is not a number is treated as out of date');
    assert.equal(parse(forged.body).field('person0.name')?.value, '小千谷 花子');
    const unknown = await guardian.post(tabAction(childId, 'health'), { conditions: 'x', revision: '0', action: 'explode' });
    assert.equal(unknown.status, 200, 'an unknown action is taken as 確定');
    assert.match(textOf(unknown.body), /健康情報の確認/);
    assert.equal((await guardian.get(`${tabView(childId, 'basic')}/basic`)).status, 200, 'the basic tab also answers at its form address');
  });
});

describe('食事・アレルギー情報', () => {
  test('the 8 mandatory and 20 recommended allergens are checkboxes', async () => {
    const page = await guardian.get(tabEdit(childId, 'meals'));
    const boxes = parse(page.body).all('input[type="checkbox"]').filter((box) => box.getAttribute('name')?.startsWith('allergen.'));
    assert.equal(boxes.length, 28);
    const text = textOf(page.body);
    assert.match(text, /特定原材料 8品目.*えび かに くるみ 小麦 そば 卵 乳 落花生/);
    assert.match(text, /準ずるもの 20品目.*アーモンド あわび いか いくら オレンジ カシューナッツ キウイフルーツ 牛肉 ごま さけ さば 大豆 鶏肉 バナナ 豚肉 マカダミアナッツ もも やまいも りんご ゼラチン/);
    assert.match(text, /ミルク 離乳食（初期） 離乳食（中期） 離乳食（後期） 離乳食（完了期） 幼児食/);
    assert.match(text, /エピペン/);
  });

  test('an allergen needs a severity and the meal stage is required; the ticks are kept', async () => {
    const answer = await pressConfirm(guardian, tabEdit(childId, 'meals'), tabAction(childId, 'meals'), { 'allergen.egg': 'yes', 'allergen.kiwi': 'yes', allergyNotes: '加熱した卵黄は少し食べられる' });
    assert.equal(answer.status, 400);
    const text = textOf(answer.body);
    assert.match(text, /アレルギーの症状の程度を選んでください/);
    assert.match(text, /食事の段階を選んでください/);
    const form = parse(answer.body);
    assert.equal(form.field('allergen.egg')?.checked, true);
    assert.equal(form.field('allergen.kiwi')?.checked, true);
    assert.equal(form.field('allergen.milk')?.checked, false);
    assert.equal(form.field('allergyNotes')?.value, '加熱した卵黄は少し食べられる');
  });

  test('saved through the confirmation screen; the set of allergens is replaced, never added to', async () => {
    const { guardian, childId } = await newChild('tabs-meals@example.jp');
    await saveTab(guardian, childId, 'meals', {
      'allergen.egg': 'yes',
      'allergen.milk': 'yes',
      'allergen.kiwi': 'yes',
      severity: 'severe',
      allergyNotes: '卵：アナフィラキシーあり\n乳：じんましん',
      mealStage: 'weaning_late',
      epinephrine: 'yes',
    });
    const view = await guardian.get(tabView(childId, 'meals'));
    const text = textOf(view.body);
    assert.match(text, /アレルギーの原因食物 卵、乳、キウイフルーツ 症状の程度 重い（アナフィラキシーを起こしたことがある）/);
    const notes = parse(view.body).all('dd').find((dd) => dd.querySelector('span')?.textContent === '卵：アナフィラキシーあり');
    assert.deepEqual(notes?.querySelectorAll('span').map((line) => line.textContent), ['卵：アナフィラキシーあり', '乳：じんましん'], 'line breaks are kept');
    assert.equal(notes?.querySelectorAll('br').length, 1);
    assert.match(text, /食事の段階 離乳食（後期） エピペン（アドレナリン自己注射薬） 持っている/);
    const stored = await profile(childId);
    assert.equal(stored.meal_stage, 'weaning_late');
    assert.equal(stored.epinephrine_auto_injector, true);

    await saveTab(guardian, childId, 'meals', { 'allergen.wheat': 'yes', severity: 'mild', mealStage: 'toddler' });
    const allergens = await t.db.selectFrom('child_allergens').select('allergen').where('child_id', '=', childId).execute();
    assert.deepEqual(allergens.map((a) => a.allergen), ['wheat']);
    assert.equal((await profile(childId)).epinephrine_auto_injector, false, 'an unticked box is saved as no');
  });
});

describe('健康情報', () => {
  test('too long is refused with the text kept; otherwise saved with its line breaks', async () => {
    const { guardian, childId } = await newChild('tabs-health@example.jp');
    const long = 'あ'.repeat(1001);
    const answer = await pressConfirm(guardian, tabEdit(childId, 'health'), tabAction(childId, 'health'), { conditions: long, medicines: '吸入薬' });
    assert.equal(answer.status, 400);
    assert.match(textOf(answer.body), /1000文字以内で入力してください/);
    const form = parse(answer.body);
    assert.equal(form.field('conditions')?.value, long);
    assert.equal(form.field('medicines')?.value, '吸入薬');

    await saveTab(guardian, childId, 'health', { conditions: '熱性けいれん（2026年5月）', medicines: 'ぜんそくの吸入薬\r\n朝・夜', notes: '' });
    const stored = await profile(childId);
    assert.equal(stored.health_conditions, '熱性けいれん（2026年5月）');
    assert.equal(stored.medicines, 'ぜんそくの吸入薬\n朝・夜');
    assert.match(textOf((await guardian.get(tabView(childId, 'health'))).body), /持病・これまでにかかった大きな病気 熱性けいれん（2026年5月） 使っている薬 ぜんそくの吸入薬 朝・夜 その他、施設に伝えておきたいこと なし/);
  });
});

describe('緊急連絡先', () => {
  test('the form starts with the guardian’s own details, but nothing is stored until OK', async () => {
    const edit = await guardian.get(tabEdit(childId, 'emergency'));
    const form = parse(edit.body);
    assert.equal(form.field('person0.name')?.value, '小千谷 花子');
    assert.equal(form.field('person0.relationship')?.value, '母');
    assert.equal(form.field('person0.phone')?.value, '0258-83-3512');
    assert.equal((await people(childId, 'child_emergency_contacts')).length, 0);
  });

  test('at least one, with name, relationship and phone; a line begun must be finished', async () => {
    const empty = await pressConfirm(guardian, tabEdit(childId, 'emergency'), tabAction(childId, 'emergency'), peopleFields([{ name: '', relationship: '', phone: '' }]));
    assert.equal(empty.status, 400);
    const text = textOf(empty.body);
    assert.match(text, /緊急連絡先1の氏名を入力してください/);
    assert.match(text, /緊急連絡先1の続柄を入力してください/);
    assert.match(text, /緊急連絡先1の電話番号を入力してください/);

    const partial = await pressConfirm(
      guardian,
      tabEdit(childId, 'emergency'),
      tabAction(childId, 'emergency'),
      peopleFields([
        { name: '小千谷 花子', relationship: '母', phone: '090-1234' },
        { name: '', relationship: '祖母', phone: '' },
      ]),
    );
    assert.equal(partial.status, 400);
    const partialText = textOf(partial.body);
    assert.match(partialText, /緊急連絡先1の電話番号は0から始まる10桁または11桁の数字で入力してください/);
    assert.match(partialText, /緊急連絡先2の氏名を入力してください/);
    assert.match(partialText, /緊急連絡先2の電話番号を入力してください/);
    assert.doesNotMatch(partialText, /緊急連絡先2の続柄/);
    const form = parse(partial.body);
    assert.equal(form.field('person0.phone')?.value, '090-1234');
    assert.equal(form.field('person1.relationship')?.value, '祖母');
    assert.equal(form.field('person1.name')?.error, '緊急連絡先2の氏名を入力してください');
    assert.equal((await people(childId, 'child_emergency_contacts')).length, 0);
  });

  test('saved in order of priority; full-width digits become a normal phone number', async () => {
    const { guardian, childId } = await newChild('tabs-order@example.jp');
    await saveTab(
      guardian,
      childId,
      'emergency',
      peopleFields([
        { name: '小千谷 花子', relationship: '母', phone: '０９０－１２３４－５６７８' },
        { name: '', relationship: '', phone: '' }, // an empty line is dropped
        { name: '小千谷 ふみ', relationship: '祖母', phone: '0258-83-0000' },
      ]),
    );
    const rows = await people(childId, 'child_emergency_contacts');
    assert.deepEqual(
      rows.map((r) => [r.position, r.name, r.phone]),
      [
        [1, '小千谷 花子', '090-1234-5678'],
        [2, '小千谷 ふみ', '0258-83-0000'],
      ],
    );
    assert.match(textOf((await guardian.get(tabView(childId, 'emergency'))).body), /緊急連絡先1 氏名 小千谷 花子 続柄 母 電話番号 090-1234-5678 緊急連絡先2 氏名 小千谷 ふみ/);
  });

  test('OK pressed twice at once saves one set, not two', async () => {
    const { guardian, childId } = await newChild('tabs-twice@example.jp');
    const confirm = await pressConfirm(
      guardian,
      tabEdit(childId, 'emergency'),
      tabAction(childId, 'emergency'),
      peopleFields([
        { name: '小千谷 太郎', relationship: '父', phone: '080-1111-2222' },
        { name: '小千谷 花子', relationship: '母', phone: '090-1234-5678' },
      ]),
    );
    const [first, second] = await Promise.all([
      pressOnConfirmScreen(guardian, confirm, tabAction(childId, 'emergency')),
      pressOnConfirmScreen(guardian, confirm, tabAction(childId, 'emergency')),
    ]);
    assert.deepEqual([first.status, second.status], [303, 303], 'both land on the saved page');
    const rows = await people(childId, 'child_emergency_contacts');
    assert.deepEqual(rows.map((r) => r.name), ['小千谷 太郎', '小千谷 花子']);
  });

  test('a stale form does not overwrite a newer save: it is shown again with a notice', async () => {
    const { guardian, childId } = await newChild('tabs-stale@example.jp');
    const stale = await guardian.get(tabEdit(childId, 'emergency'));
    const staleHidden = hiddenFields(stale.body, tabAction(childId, 'emergency'));
    await saveTab(guardian, childId, 'emergency', peopleFields([{ name: '小千谷 太郎', relationship: '父', phone: '080-1111-2222' }]));
    const confirm = await guardian.post(tabAction(childId, 'emergency'), {
      ...staleHidden,
      ...peopleFields([{ name: '別の 人', relationship: 'おじ', phone: '080-9999-9999' }]),
      action: 'confirm',
    });
    assert.equal(confirm.status, 200, textOf(confirm.body));
    const late = await pressOnConfirmScreen(guardian, confirm, tabAction(childId, 'emergency'));
    assert.equal(late.status, 409);
    assert.match(textOf(late.body), /別の画面で先に変更されていました/);
    assert.equal(parse(late.body).field('person0.name')?.value, '別の 人', 'what was typed is kept');
    assert.deepEqual((await people(childId, 'child_emergency_contacts')).map((r) => r.name), ['小千谷 太郎']);
    // Confirming again from that page works.
    const reconfirm = await guardian.post(tabAction(childId, 'emergency'), {
      ...hiddenFields(late.body, tabAction(childId, 'emergency')),
      ...peopleFields([{ name: '別の 人', relationship: 'おじ', phone: '080-9999-9999' }]),
      action: 'confirm',
    });
    const again = await pressOnConfirmScreen(guardian, reconfirm, tabAction(childId, 'emergency'));
    assert.equal(again.status, 303);
    assert.deepEqual((await people(childId, 'child_emergency_contacts')).map((r) => r.name), ['別の 人']);
  });
});

describe('お迎え予定者', () => {
  test('add and remove lines keep what was typed; nothing is stored until OK', async () => {
    const edit = await guardian.get(tabEdit(childId, 'pickup'));
    const hidden = hiddenFields(edit.body, tabAction(childId, 'pickup'));
    const added = await guardian.post(tabAction(childId, 'pickup'), { ...hidden, ...peopleFields([{ name: '小千谷 花子', relationship: '母', phone: '' }]), action: 'add' });
    assert.equal(added.status, 200);
    const withLine = parse(added.body);
    assert.equal(withLine.field('person0.name')?.value, '小千谷 花子');
    assert.equal(withLine.field('person1.name')?.value, '');
    assert.equal(withLine.textOf('button[value="remove-1"]'), 'お迎え予定者2を削除する');
    const removed = await guardian.post(tabAction(childId, 'pickup'), {
      ...hidden,
      ...peopleFields([
        { name: '小千谷 花子', relationship: '母', phone: '' },
        { name: '小千谷 ふみ', relationship: '祖母', phone: '' },
      ]),
      action: 'remove-0',
    });
    assert.equal(removed.status, 200);
    const withoutLine = parse(removed.body);
    assert.equal(withoutLine.field('person0.name')?.value, '小千谷 ふみ');
    assert.equal(withoutLine.field('person1.name'), undefined);
    assert.equal((await people(childId, 'child_pickup_persons')).length, 0);
  });

  test('none is allowed; people saved keep their id when edited, so a booking can name them', async () => {
    const { guardian, childId } = await newChild('tabs-pickup@example.jp');
    await saveTab(guardian, childId, 'pickup', peopleFields([{ name: '', relationship: '', phone: '' }]));
    assert.equal((await people(childId, 'child_pickup_persons')).length, 0);
    assert.match(textOf((await guardian.get(tabView(childId, 'pickup'))).body), /お迎え予定者は登録されていません/);

    await saveTab(
      guardian,
      childId,
      'pickup',
      peopleFields([
        { name: '小千谷 花子', relationship: '母', phone: '090-1234-5678' },
        { name: '小千谷 ふみ', relationship: '祖母', phone: '0258-83-0000' },
      ]),
    );
    const before = await people(childId, 'child_pickup_persons');
    assert.equal(before.length, 2);
    // The edit form carries the ids; removing the first and changing the second's phone:
    const edit = await guardian.get(tabEdit(childId, 'pickup'));
    const hidden = hiddenFields(edit.body, tabAction(childId, 'pickup'));
    assert.equal(hidden['person1.id'], before[1]!.id);
    const confirm = await guardian.post(tabAction(childId, 'pickup'), {
      ...hidden,
      ...peopleFields([{ id: before[1]!.id, name: '小千谷 ふみ', relationship: '祖母', phone: '0258-83-1111' }]),
      action: 'confirm',
    });
    assert.equal((await pressOnConfirmScreen(guardian, confirm, tabAction(childId, 'pickup'))).status, 303);
    const after = await people(childId, 'child_pickup_persons');
    assert.deepEqual(after, [{ id: before[1]!.id, position: 1, name: '小千谷 ふみ', relationship: '祖母', phone: '0258-83-1111' }]);
  });
});

describe('English', () => {
  test('the tabs and forms have English texts', async () => {
    const cookie = { cookie: `${guardian.cookieHeader()}; lang=en` };
    const view = textOf((await guardian.get(tabView(childId, 'meals'), cookie)).body);
    assert.match(view, /Basic details Meals and allergies Health Emergency contacts Pick-up people/);
    const edit = textOf((await guardian.get(tabEdit(childId, 'meals'), cookie)).body);
    assert.match(edit, /Shrimp Crab Walnut Wheat Buckwheat Egg Milk Peanut/);
    assert.match(edit, /Weaning food \(late stage\)/);
  });
});
