// A bounded fuzz run over every route (see test/helpers/fuzz.ts); `npm run fuzz` runs a long one.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { buildRouteWorld, type RouteWorld } from '../helpers/route-world.ts';
import { discoverRoutes, fuzzRoutes } from '../helpers/fuzz.ts';

const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS_PER_ROUTE ?? 6);

let app: TestApp;
let world: RouteWorld;

before(async () => {
  app = await startTestApp();
  world = await buildRouteWorld(app);
});
after(() => app?.close());

test('generated bad input on every route: no 500, no unescaped reflection, no unsafe redirect, values kept with field messages', async () => {
  const routes = await discoverRoutes(app.app, world);
  assert.ok(routes.length > 50, 'the inventory lists the routes');
  assert.ok(routes.some((r) => r.key === 'POST /apply/form/:token' && r.fields.includes('guardianName')), 'form fields are learnt from the pages');
  const { tried, findings } = await fuzzRoutes(app.app, world, routes, { runs: RUNS_PER_ROUTE });
  assert.ok(tried >= routes.length, `tried ${tried}`);
  assert.deepEqual(findings.slice(0, 10), []);
});
