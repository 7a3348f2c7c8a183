import type { ProductDefinition } from '../core/product.js';
import { assistProduct } from './assist/index.js';
import { callsProduct } from './calls/index.js';
import { chatProduct } from './chat/index.js';
import { interviewProduct } from './interview/index.js';
import { tutorProduct } from './tutor/index.js';

/** Every product Talkbase ships; a new product is a folder under products/ and one line here. */
export const allProducts: ProductDefinition[] = [assistProduct, callsProduct, chatProduct, interviewProduct, tutorProduct];
