// Who may see a child's profile: the child's own guardian, and — for the sensitive information —
// only staff of a facility where the child has a reservation that is not cancelled, each read
// written to the audit log. Everyone else gets 404 (or 403 for the wrong kind of account).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { textOf, type TestClient } from '../helpers/http.ts';
import { logInAsStaff, newGuardian } from '../helpers/journeys.ts';
import { page as parse } from '../helpers/page.ts';
import { childrenOf, facilityIdOf, peopleFields, reserve, saveTab, tabAction, tabEdit, tabView, type Tab } from './support.ts';

const TABS: Tab[] = ['basic', 'meals', 'health', 'emergency', 'pickup'];
const NIJI = 'にじいろ保育園（架空）';
const HIMAWARI = 'ひまわりこども園（架空）';

let t: TestApp;
let owner: TestClient;
let other: TestClient;
let child: { id: string; name: string; municipality_id: string };
before(async () => {
  t = await startTestApp();
  ({ owner, child } = await childWithProfile('owner@example.jp'));
  other = await newGuardian(t.app, t.db, 'other@example.jp', { fields: { 'child0.name': '長岡 はると', 'child0.kana': 'ナガオカ ハルト' } });
});
after(() => t.close());

/** A guardian whose child has allergies, health notes and an emergency contact on file. */
async function childWithProfile(email: string, name?: { name: string; kana: string }) {
  const guardian = await newGuardian(t.app, t.db, email, name ? { fields: { 'child0.name': name.name, 'child0.kana': name.kana } } : {});
  const theChild = (await childrenOf(t.db, email))[0]!;
  await saveTab(guardian, theChild.id, 'meals', { 'allergen.egg': 'yes', severity: 'severe', allergyNotes: '卵でアナフィラキシー', mealStage: 'toddler', epinephrine: 'yes' });
  await saveTab(guardian, theChild.id, 'health', { conditions: '熱性けいれん', medicines: '', notes: '' });
  await saveTab(guardian, theChild.id, 'emergency', peopleFields([{ name: '小千谷 花子', relationship: '母', phone: '090-1234-5678' }]));
  return { owner: guardian, child: theChild };
}

/** Everything stored about the child, to show a refused request changed nothing. */
async function snapshot() {
  const [c, p, a, e, k] = await Promise.all([
    t.db.selectFrom('children').select(['name', 'name_kana']).where('id', '=', child.id).executeTakeFirstOrThrow(),
    t.db.selectFrom('child_profiles').selectAll().where('child_id', '=', child.id).executeTakeFirstOrThrow(),
    t.db.selectFrom('child_allergens').select('allergen').where('child_id', '=', child.id).execute(),
    t.db.selectFrom('child_emergency_contacts').select(['name', 'phone']).where('child_id', '=', child.id).execute(),
    t.db.selectFrom('child_pickup_persons').select(['name']).where('child_id', '=', child.id).execute(),
  ]);
  return JSON.stringify([c, p, a, e, k]);
}

async function auditRows(childId = child.id) {
  return t.db.selectFrom('audit_log').selectAll().where('action', '=', 'child.sensitive.read').where('subject_id', '=', childId).orderBy('id').execute();
}

const hostile: Record<Tab, Record<string, string>> = {
  basic: { name: '乗っ取り', kana: 'ノットリ', sex: 'male' },
  meals: { mealStage: 'milk' },
  health: { conditions: '書き換え' },
  emergency: { ...(peopleFields([{ name: '知らない 人', relationship: '他人', phone: '090-0000-0000' }]) as Record<string, string>) },
  pickup: { ...(peopleFields([{ name: '知らない 人', relationship: '他人', phone: '090-0000-0000' }]) as Record<string, string>) },
};

describe('another family', () => {
  test('their guardian gets 404 for every page and every POST of this child, and nothing changes', async () => {
    const before = await snapshot();
    const revision = (await t.db.selectFrom('child_profiles').select('revision').where('child_id', '=', child.id).executeTakeFirstOrThrow()).revision;
    await other.get('/profile');
    for (const tab of TABS) {
      for (const path of [tabView(child.id, tab), tabAction(child.id, tab), tabEdit(child.id, tab)]) {
        const page = await other.get(path);
        assert.equal(page.status, 404, path);
        // On the raw HTML on purpose: nothing of the child anywhere, attributes and hidden fields included.
        assert.doesNotMatch(page.body, /小千谷 さくら|アナフィラキシー/, `${path} shows nothing of the child`);
      }
      for (const action of ['confirm', 'save', 'edit', 'add', 'remove-0']) {
        const answer = await other.post(tabAction(child.id, tab), { ...hostile[tab], revision: String(revision), action });
        assert.equal(answer.status, 404, `POST ${tab} ${action}`);
        assert.doesNotMatch(answer.body, /小千谷 さくら/, 'raw HTML: not even in an attribute');
      }
    }
    assert.equal(await snapshot(), before);
  });

  test('their overview lists only their own child', async () => {
    const text = textOf((await other.get('/profile')).body);
    assert.match(text, /長岡 はると/);
    assert.doesNotMatch(text, /小千谷 さくら/);
  });

  test('a malformed or unknown child id is 404, not an error', async () => {
    assert.equal((await owner.get('/profile/children/not-a-uuid')).status, 404);
    assert.equal((await owner.get('/profile/children/00000000-0000-0000-0000-000000000000/meals/edit')).status, 404);
    await owner.get('/profile');
    assert.equal((await owner.post('/profile/children/not-a-uuid/health', { conditions: 'x', action: 'save' })).status, 404);
  });
});

describe('facility staff', () => {
  let niji: TestClient;
  before(async () => {
    niji = await logInAsStaff(t.app, t.db, 'staff@niji.ojiya.example.jp');
  });

  test('a child not booked at their facility: 404 and no audit row', async () => {
    const { child } = await childWithProfile('unbooked@example.jp', { name: '小千谷 あおい', kana: 'オヂヤ アオイ' });
    const page = await niji.get(`/facility/children/${child.id}`);
    assert.equal(page.status, 404);
    // On the raw HTML on purpose: nothing sensitive anywhere in the answer, attributes included.
    assert.doesNotMatch(page.body, /アナフィラキシー|熱性けいれん/);
    assert.equal((await auditRows(child.id)).length, 0);
    const list = parse((await niji.get('/facility/children')).body);
    assert.doesNotMatch(list.text(), /小千谷 あおい/);
    assert.equal(list.find(`a[href="/facility/children/${child.id}"]`), undefined);
  });

  test('booked at another facility, or booked and cancelled: still 404, no audit row', async () => {
    const { child } = await childWithProfile('elsewhere@example.jp', { name: '小千谷 いつき', kana: 'オヂヤ イツキ' });
    await reserve(t.db, child, await facilityIdOf(t.db, HIMAWARI));
    await reserve(t.db, child, await facilityIdOf(t.db, NIJI), 'cancelled');
    assert.equal((await niji.get(`/facility/children/${child.id}`)).status, 404);
    assert.equal((await auditRows(child.id)).length, 0);
  });

  test('booked at their facility: 200 with allergies and health, and each read is in the audit log', async () => {
    const { child } = await childWithProfile('booked@example.jp', { name: '小千谷 うた', kana: 'オヂヤ ウタ' });
    await reserve(t.db, child, await facilityIdOf(t.db, NIJI), 'provisional');
    const list = parse((await niji.get('/facility/children')).body);
    assert.ok(list.find(`a[href="/facility/children/${child.id}"]`), 'the list links to the child');

    const page = await niji.get(`/facility/children/${child.id}`);
    assert.equal(page.status, 200);
    const text = textOf(page.body);
    assert.match(text, /小千谷 うたさんの情報/);
    assert.match(text, /この画面を開いた記録/);
    assert.match(text, /アレルギーの原因食物 卵 症状の程度 重い/);
    assert.match(text, /卵でアナフィラキシー/);
    assert.match(text, /エピペン（アドレナリン自己注射薬） 持っている/);
    assert.match(text, /持病・これまでにかかった大きな病気 熱性けいれん/);
    assert.match(text, /緊急連絡先1 氏名 小千谷 花子 続柄 母 電話番号 090-1234-5678/);
    const staff = await t.db.selectFrom('users').select(['id', 'facility_id']).where('email', '=', 'staff@niji.ojiya.example.jp').executeTakeFirstOrThrow();
    const rows = await auditRows(child.id);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.actor_user_id, staff.id);
    assert.equal(rows[0]?.subject_type, 'child');
    assert.equal(rows[0]?.municipality_id, child.municipality_id);
    assert.deepEqual(rows[0]?.detail, { facility_id: staff.facility_id });

    assert.equal((await niji.get(`/facility/children/${child.id}`)).status, 200);
    assert.equal((await auditRows(child.id)).length, 2, 'every read is recorded');
  });

  test('staff of a facility the child is not booked at are still refused', async () => {
    const { child } = await childWithProfile('booked-niji@example.jp', { name: '小千谷 えま', kana: 'オヂヤ エマ' });
    await reserve(t.db, child, await facilityIdOf(t.db, NIJI), 'provisional');
    const mori = await logInAsStaff(t.app, t.db, 'staff@mori.ojiya.example.jp');
    assert.equal((await mori.get(`/facility/children/${child.id}`)).status, 404);
    assert.equal((await auditRows(child.id)).length, 0);
  });

  test('staff cannot use the guardian’s pages; guardians cannot use the staff page', async () => {
    assert.equal((await niji.get(tabView(child.id, 'meals'))).status, 403);
    assert.equal((await niji.post(tabAction(child.id, 'meals'), { mealStage: 'milk', action: 'save' })).status, 403);
    assert.equal((await owner.get(`/facility/children/${child.id}`)).status, 403);
    assert.equal((await owner.get('/facility/children')).status, 403);
  });
});
