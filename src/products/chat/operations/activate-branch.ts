import type { ProductContext } from '../../../core/product.js';
import { activateBranch, ownMessage } from '../conversations.js';

/** Shows the branch through one of the user's messages by default. */
export async function activateMessageBranch(core: ProductContext, userId: string, messageId: string): Promise<void> {
  await activateBranch(core, (await ownMessage(core, userId, messageId)).message);
}
