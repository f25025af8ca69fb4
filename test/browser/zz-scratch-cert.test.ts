import { test } from 'node:test';
import { SAMPLE_PASSWORD } from '../../src/seed.ts';
import { newVisitor, walkGuide } from '../helpers/guide-visitor.ts';
import { approvedGuardian } from '../helpers/journeys.ts';

test('scratch: certification screens', async (t) => {
  await walkGuide(t, 91, async ({ browser, server, shots }) => {
    await approvedGuardian(server.app, server.db, 'cert-family@example.jp');
    const { visitor: v } = await newVisitor(browser, server, shots, { phone: false });
    await v.logIn('city-staff@ojiya.example.jp', SAMPLE_PASSWORD, { expectTerms: false });
    await v.page.goto('/municipality/children');
    await v.capture('children-list');
    await v.page.locator('#children a').first().click();
    await v.capture('child-page');
    await v.page.getByLabel('保育所・認定こども園などに入園').check();
    await v.page.locator('input[name="lastDay.year"]').fill('2027');
    await v.page.locator('input[name="lastDay.month"]').fill('3');
    await v.page.locator('input[name="lastDay.day"]').fill('31');
    await v.button('確認画面へ進む').click();
    await v.capture('confirm');
    await v.button('認定を終了する').click();
    await v.capture('done');
  });
});
