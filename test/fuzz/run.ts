// The long fuzz run: `npm run fuzz` (FUZZ_INPUTS=10000 by default; FUZZ_SEED to repeat a run).
// Prints the inputs tried, per route and in all, and every finding; exits 1 if there is one.
import { startTestApp } from '../helpers/app.ts';
import { buildRouteWorld } from '../helpers/route-world.ts';
import { discoverRoutes, fuzzRoutes } from '../helpers/fuzz.ts';

const inputs = Number(process.env.FUZZ_INPUTS ?? 10_000);
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() % 2 ** 31;

const app = await startTestApp();
try {
  const world = await buildRouteWorld(app);
  const routes = await discoverRoutes(app.app, world);
  const fuzzed = routes.filter((r) => !r.key.startsWith('GET /static/') && r.key !== 'GET /health');
  const runs = Math.ceil(inputs / fuzzed.length);
  console.log(`Fuzzing ${fuzzed.length} routes, ${runs} inputs each (seed ${seed}, ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`);
  const started = Date.now();
  const { tried, findings } = await fuzzRoutes(app.app, world, routes, {
    runs,
    seed,
    onRoute: (route, n) => console.log(`  ${String(n).padStart(5)}  ${route.key}`),
  });
  const serverErrors = findings.filter((f) => f.problem.startsWith('HTTP 5')).length;
  console.log(`\nInputs tried: ${tried} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  console.log(`500s found: ${serverErrors}`);
  console.log(`Other findings: ${findings.length - serverErrors}`);
  for (const f of findings.slice(0, 50)) console.log(`  ${f.route} → ${f.status}: ${f.problem}\n    ${f.input}`);
  process.exitCode = findings.length > 0 ? 1 : 0;
} finally {
  await app.close();
}
