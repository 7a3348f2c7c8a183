import type { ProductContext } from '../../../core/product.js';
import { say } from '../conversation.js';
import type { Exchange } from '../contract.js';

/** Words typed in an ACTIVE call; the persona answers (both turns also stream on call:<id>). */
export const sayInCall = (core: ProductContext, userId: string, sessionId: string, text: string): Promise<Exchange> =>
  say(core, userId, sessionId, { text });
