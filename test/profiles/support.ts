// Moves shared by the 利用者情報管理 tests: going through 編集 → 確定 → confirmation → OK the way a
// browser does (posting the hidden fields the pages carry). The children, facilities and reservation
// rows they look up or put in directly come from the journeys (the browser tests use them too).
import assert from 'node:assert/strict';
import { type FormFields, type TestClient, type TestResponse } from '../helpers/http.ts';
import { page } from '../helpers/page.ts';

export { childrenOf, facilityIdOf, reserve } from '../helpers/journeys.ts';

export type Tab = 'basic' | 'meals' | 'health' | 'emergency' | 'pickup';

export const childBase = (childId: string) => `/profile/children/${childId}`;
export const tabAction = (childId: string, tab: Tab) => `${childBase(childId)}/${tab}`;
export const tabEdit = (childId: string, tab: Tab) => `${childBase(childId)}/${tab}/edit`;
export const tabView = (childId: string, tab: Tab) => (tab === 'basic' ? childBase(childId) : tabAction(childId, tab));

/** The hidden inputs of the page's form that posts to `action` (the answers carried along). */
export function hiddenFields(html: string, action: string): Record<string, string> {
  const form = page(html).all('form').find((f) => f.getAttribute('action') === action);
  assert.ok(form, `no form posting to ${action}`);
  const fields: Record<string, string> = {};
  for (const input of form.querySelectorAll('input[type="hidden"]')) {
    const name = input.getAttribute('name');
    if (name) fields[name] = input.getAttribute('value') ?? '';
  }
  return fields;
}

/**
 * Opens the edit page and presses 確定 with `fields` (typed over what the page holds in hidden
 * fields, such as the revision). Returns the answer: the confirmation screen or the form again.
 */
export async function pressConfirm(client: TestClient, editPath: string, action: string, fields: FormFields): Promise<TestResponse> {
  const page = await client.get(editPath);
  assert.equal(page.status, 200, `GET ${editPath} answered ${page.status}`);
  const hidden = hiddenFields(page.body, action);
  return client.post(action, { ...hidden, ...fields, action: 'confirm' });
}

/** On a confirmation screen: presses OK (or 修正する), posting the hidden fields it carries. */
export async function pressOnConfirmScreen(client: TestClient, confirmScreen: TestResponse, action: string, button: 'save' | 'edit' = 'save'): Promise<TestResponse> {
  assert.equal(confirmScreen.status, 200, `the confirmation screen answered ${confirmScreen.status}: ${confirmScreen.body.slice(0, 200)}`);
  return client.post(action, { ...hiddenFields(confirmScreen.body, action), action: button });
}

/** 編集 → 確定 → OK for one tab of a child; asserts it was saved. */
export async function saveTab(client: TestClient, childId: string, tab: Tab, fields: FormFields): Promise<TestResponse> {
  const confirm = await pressConfirm(client, tabEdit(childId, tab), tabAction(childId, tab), fields);
  const saved = await pressOnConfirmScreen(client, confirm, tabAction(childId, tab));
  assert.equal(saved.status, 303, `saving ${tab} answered ${saved.status}`);
  assert.equal(saved.location, `${tabView(childId, tab)}?saved=1`);
  return saved;
}

/** Form fields for a list of people (emergency contacts or people picking up). */
export function peopleFields(people: Array<{ id?: string; name: string; relationship: string; phone: string }>): FormFields {
  const fields: FormFields = { count: String(people.length) };
  people.forEach((p, i) => {
    fields[`person${i}.id`] = p.id ?? '';
    fields[`person${i}.name`] = p.name;
    fields[`person${i}.relationship`] = p.relationship;
    fields[`person${i}.phone`] = p.phone;
  });
  return fields;
}
