import { test } from 'node:test';
import { SAMPLE_PASSWORD } from '../../src/seed.ts';
import { newVisitor, walkGuide } from '../helpers/guide-visitor.ts';

test('scratch: designation screens', async (t) => {
  await walkGuide(t, 90, async ({ browser, server, shots }) => {
    const { visitor: v } = await newVisitor(browser, server, shots, { phone: false });
    await v.logIn('city-staff@ojiya.example.jp', SAMPLE_PASSWORD, { expectTerms: false });
    await v.page.goto('/municipality/facilities');
    await v.page.getByRole('link', { name: /にじいろ保育園/ }).first().click();
    await v.capture('facility-page');
    await v.link('変更を記録する').click();
    await v.capture('designation-form');
    await v.page.locator('input[name="confirmationEndsOn.year"]').fill('2026');
    await v.page.locator('input[name="confirmationEndsOn.month"]').fill('2');
    await v.page.locator('input[name="confirmationEndsOn.day"]').fill('31');
    await v.button('記録する').click();
    await v.capture('designation-error');
    await v.page.locator('input[name="confirmationEndsOn.month"]').fill('12');
    await v.page.locator('input[name="confirmationEndsOn.day"]').fill('10');
    await v.button('記録する').click();
    await v.capture('designation-confirm-or-done');
    const { visitor: p } = await newVisitor(browser, server, shots, { phone: true });
    await p.logIn('city-staff@ojiya.example.jp', SAMPLE_PASSWORD, { expectTerms: false });
    await p.page.goto(v.page.url().replace(/^https?:\/\/[^/]+/, '').replace(/\?.*$/, '').replace(/\/designation$/, '') + '/designation');
    await p.capture('designation-phone');
  });
});
