/**
 * Tokenizer speed check (not a test: timings vary by machine).
 * Run: npx tsx src/ml/tokenizer/tokenize.bench.ts
 * Prints the time for one 1 MB input and listings/s over 10,000 typical listings.
 */

import { DEFAULT_TOKENIZER_CONFIG as CFG } from './tokenizer-config';
import { featureIds, tokenize, wordTokens } from './tokenize';

const LISTINGS = [
  "Men's Waterproof Hiking Boots, Size 10, Brown Leather",
  'iPhone壳 USB-C 充电线 快充 2米',
  '【旗舰店】XX 家用彩色喷墨打印机 无线 复印扫描一体机',
  'Stainless Steel Insulated Water Bottle 500ml, BPA Free, Keeps Drinks Cold 24 Hours',
  '14寸 笔记本电脑包 防水 商务 男女通用',
  'Samsung Galaxy S24 Ultra 256GB Titanium Black Unlocked Smartphone',
  'Organic Cotton Baby Onesie 3-Pack, 6-12 Months, Unisex',
  '儿童运动鞋 男童 透气 网面 跑步鞋 2024新款',
  'LEGO Technic 42115 Lamborghini Sián FKP 37 Building Kit (3,696 Pieces)',
  'Cast Iron Skillet 10 inch Pre-Seasoned Frying Pan with Handle',
];

function listing(i: number): string {
  // Vary text so caches see realistic, not identical, inputs.
  return `${LISTINGS[i % LISTINGS.length]!} #${i} variant ${(i * 7919) % 1000}`;
}

/**
 * Best of 5 runs, so one GC pause or JIT tier-up does not decide the figure. Also prints the
 * process CPU time: on a shared machine wall time includes waiting for a core, CPU time less so.
 */
function time(label: string, fn: () => void): number {
  let best = Infinity;
  let bestCpu = Infinity;
  for (let r = 0; r < 5; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
    const c = process.cpuUsage(c0);
    bestCpu = Math.min(bestCpu, (c.user + c.system) / 1000);
  }
  console.log(`${label}: ${best.toFixed(1)} ms, CPU ${bestCpu.toFixed(1)} ms (best of 5)`);
  return best;
}

const mb = 'Waterproof hiking boots 防水登山鞋 500ml 🥾 '.repeat(Math.ceil((1 << 20) / 40)).slice(0, 1 << 20);
// Warm up JIT and caches.
for (let i = 0; i < 2000; i++) featureIds(listing(i), CFG);
time('1 MB text, featureIds (cut to maxChars first)', () => featureIds(mb, CFG));
time('1 MB text, tokenize', () => tokenize(mb, CFG));

const N = 10_000;
const texts = Array.from({ length: N }, (_, i) => listing(i));
const nIds = texts.reduce((a, t) => a + featureIds(t, CFG).length, 0);
const msIds = time(`${N} listings, featureIds`, () => {
  for (const t of texts) featureIds(t, CFG);
});
const msTok = time(`${N} listings, tokenize`, () => {
  for (const t of texts) tokenize(t, CFG);
});
const msWords = time(`${N} listings, wordTokens`, () => {
  for (const t of texts) wordTokens(t, CFG);
});
console.log(
  `featureIds: ${Math.round(N / (msIds / 1000))} listings/s (${(nIds / N).toFixed(0)} ids/listing)`,
);
console.log(`tokenize:   ${Math.round(N / (msTok / 1000))} listings/s`);
console.log(`wordTokens: ${Math.round(N / (msWords / 1000))} listings/s`);
