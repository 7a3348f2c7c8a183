import { asc, eq } from 'drizzle-orm';
import type { ProductContext } from '../../../core/product.js';
import type { AuthUser } from '../../../core/identity/access.js';
import { accessibleRoom, peerView, roomView } from '../rooms.js';
import { peers } from '../schema.js';
import { roomConversationSummary } from '../views.js';
import type { RoomDetail } from '../contract.js';

/** A room with its peers and the room_conversation_summary view's row; the join code for its agent only. */
export async function getRoom(core: ProductContext, user: AuthUser, roomId: string): Promise<RoomDetail> {
  const { room, isAgent } = await accessibleRoom(core, user, roomId);
  const roomPeers = await core.db.select().from(peers).where(eq(peers.roomId, room.id)).orderBy(asc(peers.joinedAt));
  return {
    room: roomView(room, { withJoinCode: isAgent }),
    peers: roomPeers.map(peerView),
    summary: (await roomConversationSummary(core, room.id))!,
  };
}
