import type { ProductContext } from '../../../core/product.js';
import type { AuthUser } from '../../../core/identity/access.js';
import { requireAgent } from '../customers.js';
import { openRoom as createRoom, roomView } from '../rooms.js';
import type { OpenRoomBody, Room } from '../contract.js';

/** An agent opens a room for a customer; the answer holds the join code to hand to the customer. */
export async function openRoom(core: ProductContext, user: AuthUser, input: OpenRoomBody): Promise<Room> {
  const agent = await requireAgent(core, user);
  return roomView(await createRoom(core, agent, input), { withJoinCode: true });
}
