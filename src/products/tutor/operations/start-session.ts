import type { ProductContext } from '../../../core/product.js';
import { uuidv7 } from '../../../core/db/ids.js';
import { sessionView } from '../statistics.js';
import { learningSessions } from '../schema.js';
import type { Session, StartSessionBody } from '../contract.js';

/** A learning session starts now, or at `timestamp` (the demo seed's past week). */
export async function startSession(
  core: ProductContext,
  studentId: string,
  input: StartSessionBody & { timestamp?: Date },
): Promise<Session> {
  const [row] = await core.db
    .insert(learningSessions)
    .values({ id: uuidv7(), studentId, startedAt: input.timestamp ?? core.clock.now(), sessionType: input.sessionType })
    .returning();
  return sessionView(row!);
}
