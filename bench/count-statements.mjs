// Counts the SQL statements a server process sends, by text, for docs/performance.md:
//   RUSH_NODE_ARGS="--import ./bench/count-statements.mjs" DATABASE_URL=… npm run bench:rush
// Each server process writes statements-<pid>.json (text → count, most frequent first) into
// COUNT_STATEMENTS_DIR (default: the system's temporary folder) every 2 s and when it stops.
// Plain JavaScript: it is loaded before tsx.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const counts = new Map();
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (config, ...rest) {
  const text = typeof config === 'string' ? config : config?.text;
  if (text) counts.set(text, (counts.get(text) ?? 0) + 1);
  return query.call(this, config, ...rest);
};
const file = join(process.env.COUNT_STATEMENTS_DIR ?? tmpdir(), `statements-${process.pid}.json`);
const write = () => writeFileSync(file, JSON.stringify([...counts].sort((a, b) => b[1] - a[1]), null, 1));
setInterval(write, 2000).unref();
process.on('SIGTERM', () => {
  write();
  process.exit(0);
});
