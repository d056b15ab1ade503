import { describe, expect, it } from 'vitest';
import { searchNodes, type PickerNode } from './taxonomy-picker';

const n = (id: string, en: string, zh: string, pathEn = en, pathZh = zh): PickerNode => ({
  id,
  nameEn: en,
  nameZh: zh,
  pathEn,
  pathZh,
  parent: null,
});
const nodes = [
  n('el', 'Electronics', '电子产品'),
  n(
    'el-2-1-8',
    'Speaker Accessories',
    '音箱配件',
    'Electronics > Audio > Speaker Accessories',
    '电子产品 > 音频 > 音箱配件',
  ),
  n('el-2', 'Audio', '音频', 'Electronics > Audio', '电子产品 > 音频'),
  n('aa-8', 'Shoes', '鞋', 'Apparel > Shoes', '服饰 > 鞋'),
];

describe('searchNodes', () => {
  it('finds by English or Chinese name, all words, names before paths, shallow first', () => {
    expect(searchNodes(nodes, 'speaker').map((x) => x.id)).toEqual(['el-2-1-8']);
    expect(searchNodes(nodes, '音箱').map((x) => x.id)).toEqual(['el-2-1-8']);
    expect(searchNodes(nodes, 'audio').map((x) => x.id)).toEqual(['el-2', 'el-2-1-8']);
    expect(searchNodes(nodes, 'electronics speaker').map((x) => x.id)).toEqual(['el-2-1-8']);
    expect(searchNodes(nodes, 'aa-8').map((x) => x.id)).toEqual(['aa-8']);
  });
  it('returns nothing for an empty query and respects the limit', () => {
    expect(searchNodes(nodes, '  ')).toEqual([]);
    expect(searchNodes(nodes, 'e', 2)).toHaveLength(2);
  });
});
