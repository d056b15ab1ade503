// `npm start`: build the production bundle if it is missing or older than the sources, then
// serve it with vite preview on http://localhost:4173.
import { existsSync, statSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const newest = (dir) => {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
};
const built = existsSync('dist/index.html') ? statSync('dist/index.html').mtimeMs : 0;
const sources = Math.max(newest('src'), newest('public'), statSync('index.html').mtimeMs);
if (built < sources) {
  const r = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
console.log('Serving the production build on http://localhost:4173/');
const r = spawnSync('npx', ['vite', 'preview', '--port', '4173', '--strictPort', '--host', 'localhost'], {
  stdio: 'inherit',
});
process.exit(r.status ?? 0);
