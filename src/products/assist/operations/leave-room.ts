import { and, eq, isNull } from 'drizzle-orm';
import type { ProductContext } from '../../../core/product.js';
import type { AuthUser } from '../../../core/identity/access.js';
import { inTransaction } from '../../../core/db/transaction.js';
import { AppError } from '../../../core/http/errors.js';
import { peerView, roomChannel, roomNotFound } from '../rooms.js';
import { agents, peers, rooms } from '../schema.js';
import type { Peer } from '../contract.js';

/** The user leaves the room; a room nobody is in any more starts its empty-room clock. */
export async function leaveRoom(core: ProductContext, user: AuthUser, roomId: string): Promise<Peer[]> {
  return inTransaction(core.db, async (tx, afterCommit) => {
    const [room] = await tx.select().from(rooms).where(eq(rooms.id, roomId)).for('no key update');
    if (!room) throw roomNotFound();
    const now = core.clock.now();
    const left = await tx
      .update(peers)
      .set({ leftAt: now })
      .where(and(eq(peers.roomId, roomId), eq(peers.userId, user.id), isNull(peers.leftAt)))
      .returning();
    if (!left.length) {
      // Someone who never was in the room learns nothing about it: the same 404 as for a room that does not exist.
      const [known] = await tx
        .select({ id: peers.id })
        .from(peers)
        .where(and(eq(peers.roomId, roomId), eq(peers.userId, user.id)))
        .limit(1);
      const [agent] = await tx
        .select({ id: agents.id })
        .from(agents)
        .where(and(eq(agents.id, room.agentId), eq(agents.userId, user.id)))
        .limit(1);
      if (!known && !agent) throw roomNotFound();
      throw new AppError('assist.not_in_room', 409, 'you are not in this room');
    }
    const [stillIn] = await tx
      .select({ id: peers.id })
      .from(peers)
      .where(and(eq(peers.roomId, roomId), isNull(peers.leftAt)))
      .limit(1);
    if (!stillIn && room.status !== 'ended') await tx.update(rooms).set({ emptySince: now }).where(eq(rooms.id, roomId));
    for (const p of left) await core.realtime.publish(roomChannel(roomId), 'peer.left', peerView(p), { tx, afterCommit });
    await core.realtime.revoke(roomChannel(roomId), user.id);
    return left.map(peerView);
  });
}
