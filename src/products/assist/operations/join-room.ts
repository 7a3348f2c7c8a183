import { and, eq, isNull } from 'drizzle-orm';
import type { ProductContext } from '../../../core/product.js';
import type { AuthUser } from '../../../core/identity/access.js';
import { uuidv7 } from '../../../core/db/ids.js';
import { inTransaction } from '../../../core/db/transaction.js';
import { AppError } from '../../../core/http/errors.js';
import { agentByUser } from '../customers.js';
import { peerView, roomChannel, roomEnded, roomNotFound, roomView, type PeerRow, type RoomRow } from '../rooms.js';
import { peers, rooms, type SpeakerRole } from '../schema.js';
import type { JoinedRoom, JoinRoomBody } from '../contract.js';

/** The agent sees the join code; a customer does not. */
const joined = (room: RoomRow, peer: PeerRow): JoinedRoom => ({
  room: roomView(room, { withJoinCode: peer.role === 'agent' }),
  peer: peerView(peer),
});

/**
 * The room's agent joins as `agent`; anyone else needs the room's join code and joins as `customer`.
 * Joining again while present returns the same peer.
 */
export async function joinRoom(core: ProductContext, user: AuthUser, roomId: string, input: JoinRoomBody): Promise<JoinedRoom> {
  return inTransaction(core.db, async (tx, afterCommit) => {
    const [room] = await tx.select().from(rooms).where(eq(rooms.id, roomId)).for('no key update');
    if (!room) throw roomNotFound();
    const agent = await agentByUser(core, user.id, tx);
    const role: SpeakerRole = agent?.id === room.agentId ? 'agent' : 'customer';
    if (role === 'customer' && input.joinCode !== room.joinCode) throw roomNotFound();
    if (room.status === 'ended') throw roomEnded();
    const peerId = input.peerId ?? user.id;
    const [present] = await tx
      .select()
      .from(peers)
      .where(and(eq(peers.roomId, roomId), eq(peers.peerId, peerId), isNull(peers.leftAt)));
    if (present) {
      if (present.userId !== user.id)
        throw new AppError('assist.peer_taken', 409, 'another user is in the room with that peer id', {
          errors: [{ field: 'peerId', message: 'is taken' }],
        });
      return joined(room, present);
    }
    const now = core.clock.now();
    const [peer] = await tx
      .insert(peers)
      .values({ id: uuidv7(), roomId, peerId, userId: user.id, role, nickname: input.nickname, joinedAt: now })
      .returning();
    const [updated] = await tx
      .update(rooms)
      .set({ emptySince: null, ...(room.status === 'waiting' ? { status: 'active', startedAt: now } : {}) })
      .where(eq(rooms.id, roomId))
      .returning();
    await core.realtime.publish(roomChannel(roomId), 'peer.joined', peerView(peer!), { tx, afterCommit });
    return joined(updated!, peer!);
  });
}
