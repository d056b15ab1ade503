import { test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { CORPUS_PATH, DEV_SET_PATH } from '../training/paths';
import { modelText } from '../training/train/dataset';
const dev = readFileSync(DEV_SET_PATH, 'utf8').split('\n').slice(1).map((l) => l.split('\t')[2] ?? '').filter((t) => t.trim() !== '');
const held: string[] = [];
for (const l of readFileSync(CORPUS_PATH, 'utf8').split('\n')) {
  if (!l.includes('"split":"test"') && !l.includes('"split":"val"')) continue;
  const r = JSON.parse(l); held.push(modelText(r.text, r.extra));
}
const texts = [...dev, ...held].slice(0, 10000);
const PORTS = (process.env.AB_PORTS ?? '4191,4192').split(',');
test('ab throughput', async ({ browser }) => {
  const pages: Record<string, import('@playwright/test').Page> = {};
  for (const port of PORTS) {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`http://localhost:${port}/?diagnostics&backend=wasm`);
    await page.waitForFunction(() => (window as any).__inference !== undefined);
    await page.getByTestId('model-status').getByText(/ready|Model/).first().waitFor();
    await page.evaluate(async (n) => { await (window as any).__inference.prepareBatch(n); }, texts.length);
    pages[port] = page;
  }
  const run = (port: string) => pages[port]!.evaluate(async (texts) => {
    const c = (window as any).__inference;
    const t0 = performance.now();
    const res = await c.classify(texts, { topK: 5, neighbours: 0, deep: 0 });
    let s = 0; for (const r of res) s += r.level1[0].prob;
    return [10000 / ((performance.now() - t0) / 1000), s];
  }, texts);
  for (const port of PORTS) for (let i = 0; i < 2; i++) await run(port);
  const res: Record<string, number[]> = {};
  for (let i = 0; i < Number(process.env.N ?? 8); i++)
    for (const port of i % 2 ? [...PORTS].reverse() : PORTS) (res[port] ??= []).push(Math.round((await run(port))[0]!));
  for (const [p, xs] of Object.entries(res)) {
    const s = [...xs].sort((a, b) => a - b);
    console.log(`port ${p}: median ${s[Math.floor(s.length / 2)]} runs ${xs.join(' ')}`);
  }
});
