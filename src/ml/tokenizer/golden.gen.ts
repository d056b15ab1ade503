/**
 * Writes golden.json for the tokenizer to stdout. Review the diff by eye before committing:
 * golden.test.ts then holds the tokenizer to exactly this output.
 * Run: npx tsx src/ml/tokenizer/golden.gen.ts > src/ml/tokenizer/golden.json &&
 *      npx prettier --write src/ml/tokenizer/golden.json
 */

import { computeGoldenCase, type GoldenFile } from './golden-check';
import { murmur3_32 } from './hash';
import { DEFAULT_TOKENIZER_CONFIG } from './tokenizer-config';

const CASES: [string, string][] = [
  ['english listing', 'Stainless Steel Insulated Water Bottle 500ml, BPA Free'],
  ['chinese listing', '儿童运动鞋 男童 透气 网面 跑步鞋 2024新款'],
  ['mixed', 'iPhone壳 USB-C 充电线'],
  ['chinese store title', '【旗舰店】XX 家用彩色喷墨打印机 无线 复印扫描一体机'],
  ['boots', "Men's Waterproof Hiking Boots, Size 10, Brown Leather"],
  ['unit glued', '500ml'],
  ['cjk unit', '14寸'],
  ['units', '500 ML 2.5kg 5,000mAh 10x20cm 14英寸 64GB 1TB 100% Nike™'],
  ['emoji', '🔥 Hot Sale 👟 Sneakers ❤️ 1️⃣ 👨‍👩‍👧'],
  ['html-ish', '<p>Red &amp; Blue <b>T-Shirt</b></p>'],
  ['rtl arabic', '\u202bحذاء رياضي للرجال مقاس 42\u202c'],
  ['japanese korean', 'ナイキ スニーカー 운동화'],
  ['nfkc', 'Ｆｕｌｌｗｉｄｔｈ ＡＢＣ１２３ café ﬁne ㎏'],
  ['empty', ''],
  ['whitespace only', ' \t\n\u3000 '],
  ['control chars', 'a\u0000b\u0007c\u001fd\u007f e'],
  ['lone surrogate', 'bad\ud800 surrogate \udc00x'],
];

// Pinned so a browser run also checks hashing; the published vectors among them are asserted
// as literals in hash.test.ts.
const HASHES: [string, number][] = [
  ['', 0],
  ['', 1],
  ['', 0xffffffff],
  ['test', 0],
  ['Hello, world!', 0],
  ['Hello, world!', 0x9747b28c],
  ['The quick brown fox jumps over the lazy dog', 0],
  ['ππππππππ', 0x9747b28c],
  ['w:boots', DEFAULT_TOKENIZER_CONFIG.seed],
  ['z:鞋', DEFAULT_TOKENIZER_CONFIG.seed],
];

const golden: GoldenFile = {
  config: { ...DEFAULT_TOKENIZER_CONFIG },
  hashes: HASHES.map(([input, seed]) => ({ input, seed, hash: murmur3_32(input, seed) })),
  cases: CASES.map(([name, input]) => computeGoldenCase(name, input, DEFAULT_TOKENIZER_CONFIG)),
};

// One array per line: small diffs when the tokenizer changes, still readable.
const lines = [
  '{',
  `  "config": ${JSON.stringify(golden.config)},`,
  '  "hashes": [',
  golden.hashes.map((h) => `    ${JSON.stringify(h)}`).join(',\n'),
  '  ],',
  '  "cases": [',
  golden.cases
    .map((c) =>
      [
        '    {',
        `      "name": ${JSON.stringify(c.name)},`,
        `      "input": ${JSON.stringify(c.input)},`,
        `      "wordTokens": ${JSON.stringify(c.wordTokens)},`,
        `      "features": ${JSON.stringify(c.features)},`,
        `      "ids": ${JSON.stringify(c.ids)}`,
        '    }',
      ].join('\n'),
    )
    .join(',\n'),
  '  ]',
  '}',
];
console.log(lines.join('\n'));
