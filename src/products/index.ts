import type { ProductDefinition } from '../core/product.js';

/** Every product Talkbase ships; a new product is a folder under products/ and one line here. */
export const allProducts: ProductDefinition[] = [];
