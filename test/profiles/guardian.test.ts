// Guide step 4 (1): マイページ → 利用者情報管理 → 保護者名 → 編集 → 確定 → confirmation → OK, and the
// rule that the registration cannot be completed while a child's emergency contact is missing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { TestClient, textOf } from '../helpers/http.ts';
import { page as parse } from '../helpers/page.ts';
import { logInAsStaff, newGuardian } from '../helpers/journeys.ts';
import { childrenOf, peopleFields, pressConfirm, pressOnConfirmScreen, saveTab, tabEdit } from './support.ts';

let t: TestApp;
// A family the read-only tests share; tests that save something make their own (newFamily).
let guardian: TestClient;
let children: Awaited<ReturnType<typeof childrenOf>>;
before(async () => {
  t = await startTestApp();
  ({ guardian, children } = await newFamily(EMAIL));
});
after(() => t.close());

const EMAIL = 'family@example.jp';
const TWO_CHILDREN = {
  childCount: '2',
  'child1.name': '小千谷 かえで',
  'child1.kana': 'オヂヤ カエデ',
  'child1.birth.year': '2024',
  'child1.birth.month': '3',
  'child1.birth.day': '15',
};

const guardianEdit = {
  name: '小千谷 花子',
  kana: 'おぢや はなこ', // hiragana is accepted and becomes katakana
  postalCode: '９４７８５０１',
  address: '新潟県小千谷市城内2丁目7-5 さくら荘101',
  phone: '090-1234-5678',
  phone2: '0258-83-3512',
  relationship: 'mother',
};


/** A guardian with two children, neither with an emergency contact yet. */
async function newFamily(email: string) {
  const client = await newGuardian(t.app, t.db, email, { fields: TWO_CHILDREN });
  const kids = await childrenOf(t.db, email);
  assert.equal(kids.length, 2);
  return { guardian: client, children: kids };
}

async function storedProfile(email = EMAIL) {
  return t.db
    .selectFrom('guardian_profiles')
    .innerJoin('users', 'users.id', 'guardian_profiles.user_id')
    .select(['guardian_profiles.name_kana', 'guardian_profiles.postal_code', 'guardian_profiles.address', 'guardian_profiles.phone', 'guardian_profiles.phone2', 'guardian_profiles.registered_at', 'users.display_name'])
    .where('users.email', '=', email)
    .executeTakeFirstOrThrow();
}

describe('利用者情報管理: the overview', () => {
  test('マイページ links to it; it lists the guardian and each child, and what is still missing', async () => {
    const mypage = await guardian.get('/mypage');
    assert.ok(parse(mypage.body).find('a.button[href="/profile"]'), 'a button-styled link to /profile');
    assert.deepEqual(parse(mypage.body).linksTo('利用者情報管理'), ['/profile']);
    assert.doesNotMatch(textOf(mypage.body), /この後の更新/);

    const page = await guardian.get('/profile');
    assert.equal(page.status, 200);
    const text = textOf(page.body);
    assert.match(text, /保護者 小千谷 花子 登録状況 未完了 ログイン時の2段階認証 有効/);
    const links = parse(page.body);
    assert.ok(links.find('a[href="/profile/guardian"]'));
    // Children in order of birth, each a link to its own page.
    const [older, younger] = [children[0]!, children[1]!];
    assert.ok(text.indexOf('小千谷 かえで') < text.indexOf('小千谷 さくら'));
    assert.ok(links.find(`a[href="/profile/children/${older.id}"]`));
    assert.ok(links.find(`a[href="/profile/children/${younger.id}"]`));
    assert.match(text, /小千谷 かえでさんの緊急連絡先1：氏名・続柄・電話番号が未入力です/);
    assert.match(text, /小千谷 さくらさんの緊急連絡先1：氏名・続柄・電話番号が未入力です/);
  });

  test('the guardian page shows what the application registered, and 2-step verification', async () => {
    const page = await guardian.get('/profile/guardian');
    assert.equal(page.status, 200);
    const text = textOf(page.body);
    assert.match(text, /氏名 小千谷 花子 フリガナ オヂヤ ハナコ 郵便番号 947-8501 住所 新潟県小千谷市城内2丁目7-5 電話番号 0258-83-3512 電話番号（2つ目） 未入力 お子さまとの続柄 母/);
    assert.match(text, new RegExp(`メールアドレス（ログインID） ${EMAIL}`));
    assert.match(text, /2段階認証とは、IDとパスワードに加えてワンタイムパスワードの入力を求めることで、不正アクセスを防ぐ仕組みです/);
    assert.deepEqual(parse(page.body).linksTo('編集'), ['/profile/guardian/edit']);
  });

  test('in English too', async () => {
    const page = await guardian.get('/profile', { cookie: `${guardian.cookieHeader()}; lang=en` });
    assert.equal(page.status, 200);
    assert.match(textOf(page.body), /Manage your details .* Registration Not complete/);
  });
});

describe('保護者情報: 編集 → 確定', () => {
  test('bad input is shown again with a message beside each field, keeping what was typed', async () => {
    const answer = await pressConfirm(guardian, '/profile/guardian/edit', '/profile/guardian', {
      ...guardianEdit,
      kana: 'Odiya Hanako',
      postalCode: '94785',
      phone2: '123',
      relationship: '',
    });
    assert.equal(answer.status, 400);
    const text = textOf(answer.body);
    assert.match(text, /入力内容に問題があります/);
    for (const message of [
      'フリガナは全角カタカナで入力してください',
      '郵便番号は7桁の数字で入力してください',
      '2つ目の電話番号は0から始まる10桁または11桁の数字で入力してください',
      'お子さまとの続柄を選んでください',
    ]) {
      assert.ok(text.includes(message), message);
    }
    const form = parse(answer.body);
    assert.deepEqual(form.field('kana'), { value: 'Odiya Hanako', checked: false, invalid: true, error: 'フリガナは全角カタカナで入力してください（例：オヂヤ ハナコ）' });
    assert.equal(form.field('phone2')?.value, '123');
    assert.equal(form.field('phone2')?.error, '2つ目の電話番号は0から始まる10桁または11桁の数字で入力してください。ない場合は空けておいてください');
    assert.equal(form.field('address')?.value, '新潟県小千谷市城内2丁目7-5 さくら荘101');
    assert.match(form.textOf('title') ?? '', /^エラー：/);
    assert.equal((await storedProfile()).address, '新潟県小千谷市城内2丁目7-5', 'nothing is saved');
  });

  test('the same second number twice is refused', async () => {
    const answer = await pressConfirm(guardian, '/profile/guardian/edit', '/profile/guardian', { ...guardianEdit, phone2: '09012345678' });
    assert.equal(answer.status, 400);
    assert.match(textOf(answer.body), /2つ目の電話番号には、1つ目とは別の番号を入力してください/);
  });
});

describe('the emergency-contact rule', () => {
  test('while a child has no emergency contact, 確定 says which child and which fields, and links there', async () => {
    const { guardian, children } = await newFamily('rule-none@example.jp');
    const answer = await pressConfirm(guardian, '/profile/guardian/edit', '/profile/guardian', guardianEdit);
    assert.equal(answer.status, 409);
    const text = textOf(answer.body);
    assert.match(text, /登録を完了できません/);
    assert.match(text, /小千谷 かえでさんの緊急連絡先1：氏名・続柄・電話番号が未入力です/);
    const shown = parse(answer.body);
    for (const child of children) {
      assert.ok(shown.find(`a[href="${tabEdit(child.id, 'emergency')}"]`), `a link to ${child.name}'s emergency contacts`);
    }
    assert.equal(shown.field('address')?.value, '新潟県小千谷市城内2丁目7-5 さくら荘101', 'what was typed is kept');
  });

  test('OK is refused as well, even posted directly, and nothing is saved', async () => {
    const { guardian } = await newFamily('rule-direct@example.jp');
    await guardian.get('/profile/guardian/edit');
    const answer = await guardian.post('/profile/guardian', { ...guardianEdit, action: 'save' });
    assert.equal(answer.status, 409);
    const stored = await storedProfile('rule-direct@example.jp');
    assert.equal(stored.phone2, null);
    assert.equal(stored.registered_at, null);
  });

  test('with one child done, the other is still named', async () => {
    const { guardian, children } = await newFamily('rule-one@example.jp');
    await saveTab(guardian, children[0]!.id, 'emergency', peopleFields([{ name: '小千谷 太郎', relationship: '父', phone: '090-2222-3333' }]));
    const answer = await pressConfirm(guardian, '/profile/guardian/edit', '/profile/guardian', guardianEdit);
    assert.equal(answer.status, 409);
    const text = textOf(answer.body);
    assert.doesNotMatch(text, /小千谷 かえでさんの緊急連絡先/);
    assert.match(text, /小千谷 さくらさんの緊急連絡先1：氏名・続柄・電話番号が未入力です/);
  });

  test('once every child has one: 確定 → confirmation → OK completes the registration', async () => {
    const email = 'rule-all@example.jp';
    const { guardian, children } = await newFamily(email);
    for (const child of children) {
      await saveTab(guardian, child.id, 'emergency', peopleFields([{ name: '小千谷 花子', relationship: '母', phone: '090-1234-5678' }]));
    }
    const confirm = await pressConfirm(guardian, '/profile/guardian/edit', '/profile/guardian', guardianEdit);
    assert.equal(confirm.status, 200);
    const text = textOf(confirm.body);
    assert.match(text, /保護者情報の確認/);
    assert.match(text, /フリガナ オヂヤ ハナコ 郵便番号 947-8501 住所 新潟県小千谷市城内2丁目7-5 さくら荘101 電話番号 090-1234-5678 電話番号（2つ目） 0258-83-3512/);
    assert.equal((await storedProfile(email)).registered_at, null, 'the confirmation screen saves nothing');

    // 修正する goes back to the form with the answers.
    const back = await pressOnConfirmScreen(guardian, confirm, '/profile/guardian', 'edit');
    assert.equal(back.status, 200);
    assert.equal(parse(back.body).field('address')?.value, '新潟県小千谷市城内2丁目7-5 さくら荘101');

    const saved = await pressOnConfirmScreen(guardian, confirm, '/profile/guardian');
    assert.equal(saved.status, 303);
    assert.equal(saved.location, '/profile/guardian?saved=1');
    const page = textOf((await guardian.follow(saved)).body);
    assert.match(page, /登録しました/);
    assert.match(page, /登録状況 登録済み/);
    const stored = await storedProfile(email);
    assert.equal(stored.name_kana, 'オヂヤ ハナコ');
    assert.equal(stored.postal_code, '947-8501');
    assert.equal(stored.phone2, '0258-83-3512');
    assert.ok(stored.registered_at);
    assert.equal(stored.display_name, '小千谷 花子');
    assert.doesNotMatch(textOf((await guardian.get('/profile')).body), /緊急連絡先1：/);

    // Pressing OK again saves the same again; the first completion time stays.
    const again = await pressOnConfirmScreen(guardian, confirm, '/profile/guardian');
    assert.equal(again.status, 303);
    assert.equal((await storedProfile(email)).registered_at?.getTime(), stored.registered_at.getTime());
  });

  test('a change of name shows in the header', async () => {
    const { guardian, children } = await newFamily('rename@example.jp');
    for (const child of children) {
      await saveTab(guardian, child.id, 'emergency', peopleFields([{ name: '小千谷 花子', relationship: '母', phone: '090-1234-5678' }]));
    }
    const confirm = await pressConfirm(guardian, '/profile/guardian/edit', '/profile/guardian', { ...guardianEdit, name: '小千谷 華子' });
    await pressOnConfirmScreen(guardian, confirm, '/profile/guardian');
    assert.match(textOf((await guardian.get('/mypage')).body), /ログイン中：小千谷 華子/);
  });
});

describe('refusals', () => {
  test('facility staff are refused; strangers are sent to log in', async () => {
    const staff = await logInAsStaff(t.app, t.db, 'staff@niji.ojiya.example.jp');
    assert.equal((await staff.get('/profile')).status, 403);
    assert.equal((await staff.get('/profile/guardian')).status, 403);
    assert.equal((await staff.post('/profile/guardian', { ...guardianEdit, action: 'save' })).status, 403);
    const stranger = await new TestClient(t.app).get('/profile');
    assert.equal(stranger.status, 303);
    assert.equal(stranger.location, '/login?next=%2Fprofile');
  });
});
