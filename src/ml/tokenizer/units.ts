/**
 * Unit spellings (English and Chinese) folded to one canonical unit, so "500ml", "500 ML" and
 * "500毫升" all become the same features. Canonical names are short ASCII and stable: they are
 * hashed into the model.
 */

/** Spellings accepted when glued to a number ("500ml", "14in", "1080p", "4k"). */
export const ATTACHED_UNITS: ReadonlyMap<string, string> = new Map([
  ['ml', 'ml'],
  ['l', 'l'],
  ['ltr', 'l'],
  ['liter', 'l'],
  ['liters', 'l'],
  ['litre', 'l'],
  ['litres', 'l'],
  ['cl', 'cl'],
  ['oz', 'oz'],
  ['floz', 'oz'],
  ['gal', 'gal'],
  ['qt', 'qt'],
  ['mg', 'mg'],
  ['g', 'g'],
  ['gr', 'g'],
  ['gram', 'g'],
  ['grams', 'g'],
  ['kg', 'kg'],
  ['kgs', 'kg'],
  ['kilo', 'kg'],
  ['kilos', 'kg'],
  ['kilogram', 'kg'],
  ['kilograms', 'kg'],
  ['lb', 'lb'],
  ['lbs', 'lb'],
  ['pound', 'lb'],
  ['pounds', 'lb'],
  ['mm', 'mm'],
  ['cm', 'cm'],
  ['m', 'm'],
  ['meter', 'm'],
  ['meters', 'm'],
  ['metre', 'm'],
  ['metres', 'm'],
  ['km', 'km'],
  ['in', 'in'],
  ['inch', 'in'],
  ['inches', 'in'],
  ['ft', 'ft'],
  ['feet', 'ft'],
  ['foot', 'ft'],
  ['yd', 'yd'],
  ['kb', 'kb'],
  ['mb', 'mb'],
  ['gb', 'gb'],
  ['tb', 'tb'],
  ['mah', 'mah'],
  ['wh', 'wh'],
  ['w', 'w'],
  ['watt', 'w'],
  ['watts', 'w'],
  ['kw', 'kw'],
  ['v', 'v'],
  ['volt', 'v'],
  ['volts', 'v'],
  ['hz', 'hz'],
  ['khz', 'khz'],
  ['mhz', 'mhz'],
  ['ghz', 'ghz'],
  ['mp', 'mp'],
  ['k', 'k'],
  ['p', 'p'],
  ['cc', 'cc'],
  ['pc', 'pcs'],
  ['pcs', 'pcs'],
  ['piece', 'pcs'],
  ['pieces', 'pcs'],
  ['ct', 'pcs'],
  ['count', 'pcs'],
  ['pk', 'pack'],
  ['pack', 'pack'],
  ['packs', 'pack'],
  ['yr', 'yr'],
  ['yrs', 'yr'],
  ['year', 'yr'],
  ['years', 'yr'],
  ['month', 'mo'],
  ['months', 'mo'],
]);

/**
 * Spellings also accepted as a separate word after a number ("500 ml"). Leaves out short words
 * that are common English or model names on their own ("2 in 1", "1 p", "4 k").
 */
export const SPACED_UNITS: ReadonlySet<string> = new Set(
  [...ATTACHED_UNITS.keys()].filter((u) => u !== 'in' && u !== 'p' && u !== 'k'),
);

/**
 * Chinese units, matched longest first at the start of a CJK run right after a number. 寸/吋
 * are "inch" in listings (screens, luggage), 码 is a clothing/shoe size.
 */
export const CJK_UNITS: ReadonlyMap<string, string> = new Map([
  ['毫升', 'ml'],
  ['升', 'l'],
  ['毫克', 'mg'],
  ['克', 'g'],
  ['千克', 'kg'],
  ['公斤', 'kg'],
  ['斤', 'jin'],
  ['毫米', 'mm'],
  ['厘米', 'cm'],
  ['公分', 'cm'],
  ['米', 'm'],
  ['公里', 'km'],
  ['英寸', 'in'],
  ['寸', 'in'],
  ['吋', 'in'],
  ['码', 'size'],
  ['碼', 'size'],
  ['毫安时', 'mah'],
  ['毫安', 'mah'],
  ['瓦', 'w'],
  ['千瓦', 'kw'],
  ['伏', 'v'],
  ['件', 'pcs'],
  ['个', 'pcs'],
  ['只', 'pcs'],
  ['片', 'pcs'],
  ['包', 'pack'],
  ['岁', 'yr'],
  ['核', 'core'],
  ['匹', 'hp'],
]);

/** Longest CJK unit spelling, in UTF-16 units (all are BMP). */
export const CJK_UNIT_MAX_LEN = 3;

/** Words that introduce a size number ("size 10" -> size 10). */
export const SIZE_WORDS: ReadonlySet<string> = new Set(['size', 'sz']);
