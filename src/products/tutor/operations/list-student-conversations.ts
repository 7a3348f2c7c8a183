import type { ProductContext } from '../../../core/product.js';
import type { AuthUser } from '../../../core/identity/access.js';
import { conversationView, studentConversationsQuery } from '../conversations.js';
import { assertCanViewStudent } from '../matching.js';
import type { Conversation } from '../contract.js';

/** A student's AI conversations, newest first. */
export async function listStudentConversations(
  core: ProductContext,
  viewer: AuthUser,
  studentId: string,
  limit = 50,
): Promise<Conversation[]> {
  await assertCanViewStudent(core, viewer, studentId);
  return (await studentConversationsQuery(core.db, studentId, limit)).map(conversationView);
}
