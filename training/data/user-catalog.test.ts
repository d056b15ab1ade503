import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RAW_DATA_DIR } from '../paths.js';
import { loadTaxonomy } from './taxonomy.js';
import { UserCatalogError, detectLang, parseUserCatalog, readUserCatalog } from './user-catalog.js';

const FIX = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const fx = (name: string): string => path.join(FIX, name);

describe('detectLang', () => {
  it('tags Han text zh and the rest en', () => {
    expect(detectLang('儿童积木')).toBe('zh');
    expect(detectLang('LEGO 积木')).toBe('zh');
    expect(detectLang('Red shirt')).toBe('en');
  });
});

describe.runIf(existsSync(path.join(RAW_DATA_DIR, 'shopify-taxonomy')))('user catalog', () => {
  const tax = loadTaxonomy();
  it('reads ids, gids and en/zh paths by header names (CSV)', () => {
    const r = readUserCatalog(fx('catalog-good.csv'), tax);
    expect(r.textColumn).toBe('title');
    expect(r.labelColumn).toBe('category');
    expect(r.messages).toEqual([]);
    expect(r.rows.map((x) => x.deep)).toEqual(['aa-1', 'el-6', 'tg-5', 'ap-2']);
    expect(r.rows[1]?.text).toBe('Wireless mouse, 2.4 GHz');
    expect(r.rows[2]?.lang).toBe('zh');
    expect(r.rows.every((x) => x.source === 'user' && x.kind === 'listing')).toBe(true);
  });
  it('reads TSV', () => {
    const r = readUserCatalog(fx('catalog-good.tsv'), tax);
    expect(r.rows.map((x) => [x.text, x.deep])).toEqual([['Organic green tea', 'fb-1-14-2'], ['Hammer', 'ha-15']]);
  });
  it('reports every bad row with its number and reason', () => {
    const r = readUserCatalog(fx('catalog-malformed.csv'), tax);
    expect(r.rows.map((x) => x.deep)).toEqual(['hg-11-7-11']);
    expect(r.dropped).toMatchObject({ 'empty-text': 1, 'unknown-category': 1, 'ragged-row': 1, 'excluded-category': 1 });
    expect(r.messages.join('\n')).toMatch(/row 3: empty text/);
    expect(r.messages.join('\n')).toMatch(/row 4: unknown category "Not > A > Category"/);
    expect(r.messages.join('\n')).toMatch(/row 5: has 5 columns, the header has 3/);
    // The unclosed quote swallows the rest of the file: reported, not a crash.
    expect(r.rows.length + Object.values(r.dropped).reduce((a, b) => a + b, 0)).toBe(r.read);
  });
  it('auto-detects the text and category columns by content', () => {
    const r = readUserCatalog(fx('catalog-autodetect.csv'), tax);
    expect(r.textColumn).toBe('description');
    expect(r.labelColumn).toBe('cat');
    expect(r.rows.map((x) => x.deep)).toEqual(['hg-11-10-5-5', 'hg-11-8-39']);
  });
  it('honours explicit column options and rejects unknown ones', () => {
    const r = readUserCatalog(fx('catalog-good.csv'), tax, { textColumn: 'Title', labelColumn: 'CATEGORY' });
    expect(r.rows).toHaveLength(4);
    expect(() => readUserCatalog(fx('catalog-good.csv'), tax, { textColumn: 'nope' })).toThrow(UserCatalogError);
  });
  it('yields no rows for an unusable file, and errors on an empty one', () => {
    const r = readUserCatalog(fx('catalog-unusable.csv'), tax, { labelColumn: 'category' });
    expect(r.rows).toEqual([]);
    expect(() => parseUserCatalog('', 'empty.csv', tax)).toThrow(/empty/);
    expect(() => readUserCatalog(fx('missing.csv'), tax)).toThrow(/cannot read/);
    expect(readFileSync(fx('catalog-unusable.csv'), 'utf8')).toContain('zz-99');
  });
});
