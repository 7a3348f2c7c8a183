import { and, desc, eq, isNull, ne } from 'drizzle-orm';
import type { ProductContext } from '../../core/product.js';
import type { Db } from '../../core/db/database.js';
import { isUuid, uuidv7 } from '../../core/db/ids.js';
import { inTransaction } from '../../core/db/transaction.js';
import type { AuthUser } from '../../core/identity/access.js';
import type { ChannelPresenceChange } from '../../core/product.js';
import { canAccessRoom, peerView, roomChannel } from './rooms.js';
import { peers, rooms } from './schema.js';

/** The user's latest peer in the room, if it left because its connection dropped and the room goes on. */
async function droppedPeer(db: Db, userId: string, roomId: string) {
  const [last] = await db
    .select({ peer: peers })
    .from(peers)
    .innerJoin(rooms, eq(rooms.id, peers.roomId))
    .where(and(eq(peers.roomId, roomId), eq(peers.userId, userId), ne(rooms.status, 'ended')))
    .orderBy(desc(peers.joinedAt), desc(peers.id))
    .limit(1);
  return last?.peer.leftReason === 'connection_lost' ? last.peer : null;
}

/** `room:<id>` is open to its agent, the peers in it, and a peer whose connection dropped coming back. */
export async function canFollowRoom(core: ProductContext, user: Pick<AuthUser, 'id'>, roomId: string): Promise<boolean> {
  if (await canAccessRoom(core, user, roomId)) return true;
  return isUuid(roomId) && !!(await droppedPeer(core.db, user.id, roomId));
}

/**
 * The `room:<id>` presence hook. A user's last connection leaving marks their peers left (`connection_lost`), so a
 * room everyone dropped out of starts its empty-room clock and the abandoned-room rule ends it. The user connecting
 * again while the room goes on takes their place back: a new peer row with the same peer id, role and nickname.
 */
export async function roomPresenceChanged(core: ProductContext, change: ChannelPresenceChange): Promise<void> {
  if (!isUuid(change.id)) return;
  await inTransaction(core.db, async (tx, afterCommit) => {
    const [room] = await tx.select().from(rooms).where(eq(rooms.id, change.id)).for('no key update');
    if (!room || room.status === 'ended') return;
    const now = core.clock.now();
    if (change.kind === 'leave') {
      if ((await core.realtime.presence(change.channel, tx)).some((m) => m.userId === change.userId)) return;
      const left = await tx
        .update(peers)
        .set({ leftAt: now, leftReason: 'connection_lost' })
        .where(and(eq(peers.roomId, room.id), eq(peers.userId, change.userId), isNull(peers.leftAt)))
        .returning();
      if (!left.length) return;
      const [stillIn] = await tx
        .select({ id: peers.id })
        .from(peers)
        .where(and(eq(peers.roomId, room.id), isNull(peers.leftAt)))
        .limit(1);
      if (!stillIn) await tx.update(rooms).set({ emptySince: now }).where(eq(rooms.id, room.id));
      for (const p of left) await core.realtime.publish(roomChannel(room.id), 'peer.left', peerView(p), { tx, afterCommit });
      return;
    }
    const dropped = await droppedPeer(tx, change.userId, room.id);
    if (!dropped) return;
    const [peer] = await tx
      .insert(peers)
      .values({
        id: uuidv7(),
        roomId: room.id,
        peerId: dropped.peerId,
        userId: change.userId,
        role: dropped.role,
        nickname: dropped.nickname,
        joinedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!peer) return;
    await tx.update(rooms).set({ emptySince: null }).where(eq(rooms.id, room.id));
    await core.realtime.publish(roomChannel(room.id), 'peer.joined', peerView(peer), { tx, afterCommit });
  });
}
