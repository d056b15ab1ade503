/**
 * Word lists for the synthetic listing generator (synthetic.ts): brand syllables, store markers,
 * marketing words, short descriptions, gender/age wording, fixes for poor zh-CN value
 * translations in the Shopify data, and unit/spec profiles keyed by words of a category's path.
 * Plain data only; the generator decides how to combine it.
 */

/** Pronounceable invented brands ('Zentrox', 'Kalimo'): onset + vowel (+ onset + vowel) + ending. */
export const BRAND_ONSETS = [
  'b', 'c', 'd', 'f', 'g', 'h', 'j', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'z',
  'br', 'cr', 'dr', 'fl', 'gr', 'kr', 'pr', 'st', 'tr', 'vr', 'zh', 'qu', 'sn', 'bl', 'cl',
] as const;
export const BRAND_VOWELS = ['a', 'e', 'i', 'o', 'u', 'a', 'o', 'ai', 'ea', 'io', 'y'] as const;
export const BRAND_ENDINGS = [
  '', '', '', 'x', 'n', 'r', 'ro', 'ra', 'no', 'la', 'mo', 'tix', 'trox', 'lex', 'vo', 'ka', 'ly',
  'on', 'ix', 'ex', 'er', 'ia', 'ova', 'is', 'co', 'tek', 'go', 'fy', 'za', 'ni', 'lo', 'ma',
] as const;

/** Characters that Chinese brand names are commonly built from (two are drawn per brand). */
export const ZH_BRAND_CHARS = [
  '美', '佳', '优', '品', '康', '诺', '斯', '达', '欧', '乐', '雅', '尚', '宜', '家', '安', '华',
  '德', '力', '源', '星', '益', '天', '瑞', '博', '迪', '凯', '通', '汇', '格', '致', '禾', '森',
  '顺', '鑫', '泰', '悦', '锦', '恒', '振', '海', '宝', '飞', '莱', '薇', '俪', '朗', '创', '卡',
] as const;

/** Chinese store markers (Taobao / JD title prefixes). */
export const ZH_STORE_MARKERS = [
  '【旗舰店】', '【官方正品】', '【官方旗舰】', '【顺丰包邮】', '【现货速发】', '【品牌直营】',
  '【厂家直销】', '【新品上市】', '【限时特惠】', '【正品保障】', '【买二送一】', '【年货节】',
] as const;

export const EN_MARKETING = [
  'New', 'New', 'Premium', 'Free Shipping', 'Best Seller', '2024', '2025', 'Upgraded', 'Hot Sale',
  'Professional', 'Heavy Duty', 'Original', 'Genuine', 'Latest', 'Limited Edition', 'High Quality',
  'Deluxe', 'Gift Idea', 'Brand New', 'Fast Shipping', 'Top Rated', 'NEW ARRIVAL', 'Sale',
] as const;

export const ZH_MARKETING = [
  '新款', '包邮', '正品', '热销', '爆款', '官方', '2024新款', '2025新款', '现货', '特价', '限时抢购',
  '品质保证', '厂家直销', '送礼', '顺丰包邮', '升级款', '网红同款', '高端', '清仓', '旗舰款',
  '新品', '全国包邮', '官方正品', 'ins风', '批发',
] as const;

/** Marketing words that work as a leading adjective in an English title. */
export const EN_LEAD_ADJECTIVES = [
  'New', 'Premium', 'Upgraded', 'Professional', 'Heavy Duty', 'Deluxe', 'Classic', 'Portable',
  'Original', 'Modern', 'Durable', 'Luxury', 'Mini', 'Large', 'Compact', 'Vintage',
] as const;

/** Short English descriptions; '%n' is replaced with the product noun. */
export const EN_DESCRIPTIONS = [
  'Perfect for home, office and travel.',
  'Great gift for friends and family.',
  'Easy to use and easy to clean.',
  'Ideal for everyday use.',
  'Satisfaction guaranteed.',
  'Ships within 24 hours.',
  'High quality %n at a great price.',
  'Durable, lightweight and built to last.',
  'Our best-selling %n, now improved.',
  'Comes with a 1-year warranty.',
  '100% brand new and high quality.',
  'Package includes 1 x %n.',
  'Makes a great gift.',
] as const;
export const EN_CLOTHING_DESCRIPTIONS = [
  'Please check the size chart before ordering.',
  'Suitable for all seasons.',
  'True to size, soft and comfortable.',
  'Machine washable.',
] as const;

/** Category-agnostic selling points. */
export const EN_GENERIC_FEATURES = [
  'Easy to Clean', 'Durable', 'Lightweight', 'Easy to Install', 'Long Lasting',
  'Eco-Friendly', 'Gift for Men Women', 'Multi-Purpose', 'Easy to Use', 'Sturdy', 'Space Saving',
  'Ergonomic Design', 'Great Gift', 'Value Pack',
] as const;

/** Short Chinese selling phrases; '%n' is replaced with the product noun. */
export const ZH_DESCRIPTIONS = [
  '家用办公两用', '送礼佳品', '品质保证 假一赔十', '支持七天无理由退换', '厂家直销 量大从优',
  '现货速发', '高端大气上档次', '经久耐用', '买就送运费险', '一件代发',
  '实体店同款', '%n 质量超好', '工厂直供', '好评如潮', '限时特价 先到先得',
] as const;
export const ZH_CLOTHING_DESCRIPTIONS = ['简约时尚 百搭', '舒适透气 不起球', '显瘦百搭', '宽松舒适 上身效果好'] as const;

/** Category-agnostic Chinese selling points. */
export const ZH_GENERIC_FEATURES = [
  '经久耐用', '易清洗', '加厚款', '大容量', '防滑耐磨', '环保无味', '结实耐用', '多功能', '送礼佳品',
  '家用', '安装简单', '高颜值', '性价比高',
] as const;

/** Chinese adjectives that sit right before the noun ('家用', '便携式'). */
export const ZH_LEAD_ADJECTIVES = [
  '家用', '便携式', '多功能', '加厚', '大号', '迷你', '专业', '高档', '简约', '北欧风', '耐用', '小型', '新式', '创意',
] as const;

export const EN_SEASONS = ['Summer', 'Winter', 'Spring', 'Fall', 'All Season'] as const;
export const ZH_SEASONS = ['夏季', '冬季', '春秋', '春季', '秋冬', '夏装', '四季'] as const;
export const ZH_CLOTHING_STYLES = ['韩版', '宽松', '修身', '百搭', '显瘦', '中长款', '短款', '加厚', '薄款', '大码', '休闲'] as const;

/** Value-name rendering for target_gender (keyed by the English value name). */
export const EN_GENDER: Record<string, readonly string[]> = {
  Female: ["Women's", "Women's", 'Womens', 'Ladies', 'Women'],
  Male: ["Men's", "Men's", 'Mens', 'Men'],
  Unisex: ['Unisex', 'Unisex Adult'],
};
export const ZH_GENDER: Record<string, readonly string[]> = {
  Female: ['女士', '女款', '女式', '女'],
  Male: ['男士', '男款', '男式', '男'],
  Unisex: ['男女同款', '中性', '男女通用', '情侣'],
};

/** Age-group values that read as a word before the noun (others go to the tail, e.g. '0-6 Months'). */
export const EN_AGE: Record<string, readonly string[]> = {
  Kids: ['Kids', "Kids'", "Children's", 'Boys Girls'],
  Babies: ['Baby', 'Infant'],
  Toddlers: ['Toddler', 'Toddler'],
  Adults: ['Adult'],
  Teens: ['Teen', 'Teens'],
  Newborn: ['Newborn'],
  Preschoolers: ['Kids', 'Preschool'],
  'School-age children': ['Kids', "Children's"],
};
export const ZH_AGE: Record<string, readonly string[]> = {
  Kids: ['儿童', '童', '宝宝', '男童女童'],
  Babies: ['婴儿', '宝宝'],
  Toddlers: ['幼儿', '宝宝'],
  Adults: ['成人'],
  Teens: ['青少年', '学生'],
  Newborn: ['新生儿'],
  Preschoolers: ['幼儿园', '儿童'],
  'School-age children': ['小学生', '儿童'],
};

/** Value names never worth putting in a listing. */
export const SKIP_VALUE_NAMES = new Set([
  'other', 'not applicable', 'n/a', 'none', 'unknown', 'universal', 'all ages', 'standard', 'custom',
  'customizable', 'custom size', 'mixed', 'various', 'no',
]);

/** Attributes too generic or too odd to help (kept out of listings). */
export const SKIP_ATTRIBUTES = new Set(['manufacturer_type', 'item_condition_other', 'license_type']);

/**
 * Better zh-CN names for common values whose Shopify translation is wrong or odd in a listing
 * (e.g. Blue -> '蓝酒' "blue wine", Canvas -> '画布'). Keyed by the value's English name, so the
 * same fix applies wherever an attribute borrows the values (body_color, frame_color, ...).
 */
export const ZH_VALUE_FIXES: Record<string, string> = {
  Blue: '蓝色', Orange: '橙色', Red: '红色', White: '白色', Beige: '米色', Navy: '藏青色',
  Copper: '铜', Bronze: '青铜', Canvas: '帆布', Fur: '毛皮', Plush: '毛绒', Suede: '麂皮',
  Ceramic: '陶瓷', Cotton: '纯棉', Fleece: '抓绒', Solar: '太阳能', Oil: '油', Windows: 'Windows',
  Round: '圆形', Cap: '盖袖', Peach: '桃子', Duck: '鸭肉', Basketball: '篮球', Golf: '高尔夫',
  Cheerleading: '啦啦队', Climbing: '攀岩', Cricket: '板球', Cycling: '骑行', Hunting: '狩猎',
  Kickboxing: '自由搏击', Wrap: '裹身', Cowl: '堆堆领', Bottle: '瓶装', Tin: '铁罐', Tube: '管装',
  Shaker: '摇摇杯', Pot: '罐装', Queen: '大床', King: '特大床', Single: '单人', Fiberglass: '玻璃纤维',
  Rose: '玫瑰', 'Vegan friendly': '纯素友好', Keto: '生酮', Space: '太空', Ethnic: '民族风',
  Babies: '婴儿', Universal: '通用', 'Retro/Vintage': '复古', Crew: '圆领', Turtle: '高领',
  Hooded: '连帽', Steel: '钢', 'Stainless steel': '不锈钢', Wood: '木质', Plastic: '塑料',
  Leather: '皮革', Metal: '金属', Glass: '玻璃', Silk: '真丝', Wool: '羊毛', Gray: '灰色', Grey: '灰色',
  Green: '绿色', Purple: '紫色', Pink: '粉色', Yellow: '黄色', Black: '黑色', Brown: '棕色',
  Gold: '金色', Silver: '银色', Clear: '透明', Multicolor: '多色', 'Rose gold': '玫瑰金',
};

/** English nouns whose plural is the only natural form (never singularised). */
export const EN_PLURAL_ONLY = new Set([
  'pants', 'jeans', 'shorts', 'leggings', 'tights', 'trousers', 'glasses', 'sunglasses', 'goggles',
  'scissors', 'pliers', 'tongs', 'binoculars', 'clothes', 'overalls', 'pajamas', 'pyjamas', 'briefs',
  'boxers', 'trunks', 'panties', 'knickers', 'sweatpants', 'joggers', 'chinos', 'slacks', 'cleats',
  'electronics', 'goods', 'series', 'species', 'news', 'arts', 'crafts', 'sports', 'tennis', 'billiards',
  'darts', 'bellows', 'cosmetics', 'supplies', 'accessories', 'headphones', 'earphones', 'earmuffs',
  'gas', 'lens', 'canvas', 'chess', 'plus', 'bus', 'mattress', 'harness', 'dress', 'furniture',
  'dominoes', 'suspenders', 'stockings', 'pantyhose', 'culottes', 'capris', 'jodhpurs', 'chaps',
  'tweezers', 'clippers', 'shears', 'snips', 'nippers', 'cutters', 'loppers', 'calipers', 'forceps',
  'graphics', 'aerobics', 'gymnastics', 'athletics', 'pilates', 'physics', 'mathematics', 'economics',
  'means', 'spirits', 'greens', 'oats', 'grits', 'noodles', 'sweets', 'snacks', 'groceries', 'fries',
  'dentures', 'mittens', 'bloomers', 'thongs', 'skates', 'rollerskates',
]);

/** English nouns usually sold and named in pairs or sets: kept plural most of the time. */
export const EN_PAIR_NOUNS = new Set([
  'boots', 'shoes', 'sneakers', 'sandals', 'slippers', 'socks', 'gloves', 'earrings', 'earbuds',
  'heels', 'loafers', 'flats', 'clogs', 'skis', 'chopsticks', 'cufflinks', 'insoles', 'laces',
  'shoelaces', 'pumps', 'mules', 'wedges', 'oxfords', 'moccasins', 'flip-flops', 'crocs', 'waders',
]);

/** Irregular plurals (lowercase) -> singular. */
export const EN_IRREGULAR_SINGULAR: Record<string, string> = {
  knives: 'knife', shelves: 'shelf', leaves: 'leaf', wolves: 'wolf', halves: 'half', loaves: 'loaf',
  scarves: 'scarf', hooves: 'hoof', calves: 'calf', wives: 'wife', lives: 'life', mice: 'mouse',
  geese: 'goose', children: 'child', feet: 'foot', teeth: 'tooth', people: 'person', dice: 'dice',
  movies: 'movie', cookies: 'cookie', ties: 'tie', pies: 'pie', hoodies: 'hoodie', smoothies: 'smoothie',
  beanies: 'beanie', onesies: 'onesie', booties: 'bootie', brownies: 'brownie', goalies: 'goalie',
  selfies: 'selfie', veggies: 'veggie', zombies: 'zombie', calories: 'calorie', neckties: 'necktie',
  bowties: 'bowtie', potatoes: 'potato', tomatoes: 'tomato', heroes: 'hero', mangoes: 'mango',
  volcanoes: 'volcano', torpedoes: 'torpedo', echoes: 'echo', cacti: 'cactus', fungi: 'fungus',
  axes: 'axe', lingerie: 'lingerie', series: 'series', species: 'species', buses: 'bus',
  lenses: 'lens', canvases: 'canvas', irises: 'iris', cases: 'case', vases: 'vase', bases: 'base',
  phases: 'phase', houses: 'house', blouses: 'blouse', horses: 'horse', nurses: 'nurse',
  purses: 'purse', courses: 'course', hoses: 'hose', noses: 'nose', roses: 'rose', cheeses: 'cheese',
  clothes: 'clothes', analyses: 'analysis', sauces: 'sauce', pieces: 'piece', devices: 'device',
  spices: 'spice', juices: 'juice', slices: 'slice', prices: 'price', dresses: 'dress',
};

/** Chinese prefixes a category name shares across its '、'/'和' parts ('婴幼儿外套和夹克'). */
export const ZH_SHARED_PREFIXES = [
  '婴幼儿', '儿童', '宝宝', '宠物', '汽车', '男士', '女士', '运动', '户外', '厨房', '浴室', '婴儿',
  '幼儿', '舞蹈', '电子', '游戏', '自行车', '摩托车', '船用', '车载', '办公', '园艺',
] as const;

/** A spec family: how sizes, quantities or technical numbers are written in each language. */
export type SpecKind =
  | 'garment' | 'shoe' | 'volume' | 'weight' | 'pack' | 'dims' | 'inch-screen' | 'storage'
  | 'battery' | 'power' | 'voltage' | 'length' | 'age' | 'sheets' | 'pieces' | 'luggage'
  | 'lens' | 'jewelry' | 'car' | 'software' | 'media' | 'capacity' | 'lumen' | 'mm' | 'model';

/**
 * Which spec families suit a category, by words of its English path (lowercased). Several
 * profiles may match; 'pack', 'dims' and 'model' are the fallback for everything.
 */
export const SPEC_PROFILES: readonly { pattern: RegExp; kinds: readonly SpecKind[] }[] = [
  { pattern: /\b(shoes?|boots?|sneakers?|sandals?|slippers?|footwear|heels|loafers|clogs|flats|cleats)\b/, kinds: ['shoe'] },
  {
    pattern: /\b(clothing|apparel|shirts?|t-shirts?|dress(es)?|pants|jeans|coats?|jackets?|sweaters?|hoodies|skirts?|shorts|underwear|socks|sleepwear|swimwear|uniforms?|costumes?|outfits?|tops|leggings|suits?|activewear|outerwear|bras?|vests?|lingerie|bodysuits?|jerseys?|gloves)\b/,
    kinds: ['garment'],
  },
  { pattern: /\b(phones?|chargers?|power banks?|batter(y|ies)|mobile)\b/, kinds: ['battery', 'power'] },
  { pattern: /\b(computers?|laptops?|tablets?|memory|ssd|hard drives?|usb flash|flash drives?|memory cards?|servers?|smartphones?)\b/, kinds: ['storage', 'inch-screen'] },
  { pattern: /\b(televisions?|tvs?|monitors?|displays?|projectors?|screens?)\b/, kinds: ['inch-screen'] },
  { pattern: /\b(audio|speakers?|headphones|earbuds|microphones?|amplifiers?|soundbars?)\b/, kinds: ['power'] },
  { pattern: /\b(light(s|ing)?|lamps?|bulbs?|led|lanterns?|flashlights?)\b/, kinds: ['power', 'lumen'] },
  {
    pattern: /\b(food|beverages?|drinks?|snacks?|coffee|tea|sauces?|spices?|cand(y|ies)|fruits?|vegetables?|meat|seafood|dairy|bakery|cereals?|oils?|juices?|water|wines?|beers?|liquor|spirits|condiments?|seasonings?|nuts|chocolate|cookies|pasta|rice|flour|sugar|honey|jams?|soups?|tobacco|cigars?)\b/,
    kinds: ['weight', 'volume', 'pack'],
  },
  {
    pattern: /\b(cosmetics?|skin|hair|makeup|lotions?|shampoos?|soaps?|perfumes?|fragrances?|bath|oral|nail|sunscreens?|deodorants?|personal care|creams?|serums?|masks?|vitamins?|supplements?)\b/,
    kinds: ['volume', 'weight', 'pack'],
  },
  { pattern: /\b(pet|dogs?|cats?|birds?|fish|aquariums?|reptiles?|horses?|animals?|livestock)\b/, kinds: ['weight', 'garment', 'length'] },
  {
    pattern: /\b(tools?|hardware|screws?|bolts?|nails|fasteners?|drills?|saws?|wrenches?|plumbing|electrical|pipes?|fittings?|valves?|hinges?|locks?)\b/,
    kinds: ['mm', 'voltage', 'pack'],
  },
  { pattern: /\b(furniture|tables?|chairs?|sofas?|beds?|desks?|cabinets?|shel(f|ves)|benches|stools?|dressers?|wardrobes?)\b/, kinds: ['dims', 'pack'] },
  { pattern: /\b(luggage|suitcases?)\b/, kinds: ['luggage'] },
  { pattern: /\b(backpacks?|bags?|totes?|duffel)\b/, kinds: ['capacity', 'dims'] },
  { pattern: /\b(vehicles?|cars?|motorcycles?|automotive|trucks?|boats?|trailers?|atv|rv)\b/, kinds: ['car', 'voltage'] },
  { pattern: /\b(books?|magazines?|films?|music|dvds?|media|movies?|vinyl|albums?)\b/, kinds: ['media'] },
  { pattern: /\b(software|applications?|apps?|antivirus|operating systems?)\b/, kinds: ['software'] },
  { pattern: /\b(toys?|games?|puzzles?|dolls?|building|blocks?|plush)\b/, kinds: ['age', 'pieces'] },
  { pattern: /\b(baby|toddler|infant|nursing|diaper(s|ing)?)\b/, kinds: ['age', 'volume', 'pack'] },
  { pattern: /\b(office|paper|pens?|pencils?|notebooks?|envelopes?|labels?|stationery|binders?|folders?)\b/, kinds: ['sheets', 'pack', 'mm'] },
  { pattern: /\b(cameras?|lens(es)?|optics|binoculars|telescopes?|microscopes?|scopes?)\b/, kinds: ['lens'] },
  { pattern: /\b(sports?|fitness|exercise|balls?|yoga|golf|bikes?|bicycles?|cycling|fishing|camping|hunting|weights?|dumbbells?)\b/, kinds: ['weight', 'length', 'dims'] },
  { pattern: /\b(kitchen|cook(ware|ing)?|bak(e|ing|eware)|pans?|pots?|knives|cups?|mugs?|bottles?|plates?|bowls?|tableware|drinkware)\b/, kinds: ['capacity', 'pack', 'dims'] },
  { pattern: /\b(jewelry|rings?|necklaces?|earrings?|bracelets?|watch(es)?|pendants?|charms?)\b/, kinds: ['jewelry'] },
  { pattern: /\b(garden|lawn|plants?|seeds?|soil|fertilizers?|planters?)\b/, kinds: ['weight', 'dims', 'pack'] },
];

/** Spec families for a root when no word of the category's path matches a profile. */
export const ROOT_SPEC_KINDS: Record<string, readonly SpecKind[]> = {
  ap: ['weight', 'garment'], aa: ['garment'], ae: ['pack', 'dims'], bt: ['age', 'pack'], bi: ['pack', 'dims', 'voltage'],
  co: ['lens'], el: ['power', 'voltage'], fb: ['weight', 'volume', 'pack'], fr: ['dims'], ha: ['mm', 'voltage'],
  hb: ['volume', 'weight'], hg: ['dims', 'pack'], lb: ['capacity', 'dims'], ma: ['pack'], me: ['media'],
  os: ['pack', 'sheets'], rc: ['pack', 'dims'], so: ['software'], sg: ['weight', 'dims'], tg: ['age', 'pieces'],
  vp: ['car', 'voltage'],
};

/** Car makes for 'for {make} {model}' fitment lines in vehicle parts listings. */
export const CAR_MAKES = ['Toyota', 'Honda', 'Ford', 'BMW', 'VW', 'Nissan', 'Hyundai', 'Kia', 'Audi', 'Mazda', 'Chevy', 'Jeep', 'Tesla', 'Subaru'] as const;
export const ZH_CAR_MAKES = ['丰田', '本田', '大众', '宝马', '奥迪', '日产', '比亚迪', '吉利', '特斯拉', '别克', '长安', '哈弗'] as const;

/** Pattern values merchants actually name, keyed by the value's handle part, in listing wording. */
export const EN_PATTERNS: Record<string, string> = {
  abstract: 'Abstract', animal: 'Animal Print', camouflage: 'Camo', checkered: 'Checkered', chevron: 'Chevron',
  christmas: 'Christmas', dots: 'Polka Dot', floral: 'Floral', geometric: 'Geometric', hearts: 'Heart',
  paisley: 'Paisley', plaid: 'Plaid', rainbow: 'Rainbow', solid: 'Solid', stars: 'Star', striped: 'Striped',
  leopard: 'Leopard', tie_dye: 'Tie-Dye', zebra: 'Zebra', marble: 'Marble', lace: 'Lace',
  damask: 'Damask', dogs_tooth: 'Houndstooth', ethnic: 'Boho', leaves: 'Leaf', cardioid: 'Cardioid',
  omnidirectional: 'Omnidirectional', shotgun: 'Shotgun', figure_8: 'Figure-8',
};
export const ZH_PATTERNS: Record<string, string> = {
  abstract: '抽象', animal: '动物纹', camouflage: '迷彩', checkered: '格子', chevron: '人字纹',
  christmas: '圣诞', dots: '波点', floral: '碎花', geometric: '几何', hearts: '爱心', paisley: '腰果花',
  plaid: '格纹', rainbow: '彩虹', solid: '纯色', stars: '星星', striped: '条纹', leopard: '豹纹',
  tie_dye: '扎染', zebra: '斑马纹', marble: '大理石纹', lace: '蕾丝',
  damask: '大马士革花纹', dogs_tooth: '千鸟格', ethnic: '民族风', leaves: '树叶', cardioid: '心形指向',
  omnidirectional: '全向', shotgun: '枪式指向', figure_8: '8字形指向',
};

/** Single-word values that mean nothing without their attribute ('High' heel, 'Small' dog). */
export const EN_VAGUE_VALUES = new Set([
  'high', 'low', 'medium', 'mid', 'small', 'large', 'light', 'heavy', 'short', 'long', 'regular',
  'normal', 'basic', 'yes', 'soft', 'hard', 'extra', 'fine', 'coarse', 'thin', 'thick', 'single',
  'double', 'triple', 'full', 'half', 'mini', 'standard', 'extra large', 'extra small', 'wide', 'narrow',
]);
