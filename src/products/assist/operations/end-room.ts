import type { ProductContext } from '../../../core/product.js';
import type { AuthUser } from '../../../core/identity/access.js';
import { endRoom as closeRoom, roomAsAgent, roomView, sessionDetail, sessionDetailView } from '../rooms.js';
import type { EndedRoom, EndRoomQuery } from '../contract.js';

/** The room's agent ends the call; the answer is the consultation session it became, turn by turn. */
export async function endRoom(core: ProductContext, user: AuthUser, roomId: string, query: EndRoomQuery): Promise<EndedRoom> {
  const { room } = await roomAsAgent(core, user, roomId);
  const ended = await closeRoom(core, room.id, query);
  return { room: roomView(ended.room, { withJoinCode: true }), ...sessionDetailView((await sessionDetail(core, ended.session.id))!) };
}
