/** Data sources for the model card: origin and license as each SOURCE.md states them. */
export const DATA_SOURCES = [
  {
    source: 'amazon',
    name: 'Amazon UK toys sample (PromptCloud)',
    origin: 'github.com/Yannooh/Products',
    license: 'none stated (upstream Kaggle dataset)',
  },
  {
    source: 'instacart',
    name: 'Instacart Online Grocery products (partial)',
    origin: 'github.com/Santoshmandati/Market-Analysis, github.com/billyrohh/instacart_dataset',
    license: "none stated; Instacart's terms: non-commercial use",
  },
  {
    source: 'flipkart',
    name: 'Flipkart e-commerce sample, 1,050 rows',
    origin: 'github.com/jzpatrao/nlp-analysis',
    license: 'none stated (upstream Kaggle page lists CC BY-SA 4.0)',
  },
  {
    source: 'online-shopping',
    name: 'online_shopping_10_cats (Chinese reviews)',
    origin: 'github.com/SophonPlus/ChineseNlpCorpus',
    license: 'none stated',
  },
  {
    source: 'shopify-taxonomy',
    name: 'Shopify Standard Product Taxonomy 2025-08 (en, zh-CN) + source data',
    origin: 'github.com/Shopify/product-taxonomy',
    license: 'MIT',
  },
  {
    source: 'google-taxonomy',
    name: 'Google product taxonomy (en-US 2021, zh-CN 2015)',
    origin: 'google.com/basepages/producttype',
    license: 'published openly for merchants; no formal license',
  },
  {
    source: 'synthetic',
    name: 'Listings composed from Shopify categories, attributes and values',
    origin: 'training/data/synthetic.ts',
    license: 'MIT (derived from Shopify taxonomy data)',
  },
] as const;
