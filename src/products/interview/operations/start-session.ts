import type { ProductContext } from '../../../core/product.js';
import type { Db } from '../../../core/db/database.js';
import { uuidv7 } from '../../../core/db/ids.js';
import { inTransaction } from '../../../core/db/transaction.js';
import type { SessionWithRecords, StartSessionBody } from '../contract.js';
import { generateQuestion, interviewChannel, recordView, sessionView } from '../interviews.js';
import { records, sessions } from '../schema.js';
import { interviewSettings } from '../environment.js';

export interface StartOptions {
  /** Called after the session row is written, inside the transaction (tests inject a failure here). */
  afterSessionInsert?: (tx: Db) => Promise<void> | void;
}

/** A session and its first question, written in one transaction. */
export async function startSession(
  core: ProductContext,
  userId: string,
  input: StartSessionBody,
  opts: StartOptions = {},
): Promise<SessionWithRecords> {
  const position = input.position.trim();
  const first = await generateQuestion(core, userId, position, []);
  const profile = await core.accounts.profile(userId);
  const id = uuidv7();
  return inTransaction(core.db, async (tx, afterCommit) => {
    const now = core.clock.now();
    const [session] = await tx
      .insert(sessions)
      .values({
        id,
        userId,
        userName: core.crypt.sealOptional(sessions.userName, id, profile.fullName ?? profile.username),
        position,
        questionCount: input.questionCount ?? core.settings(interviewSettings).questionCount,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await opts.afterSessionInsert?.(tx);
    const [record] = await tx
      .insert(records)
      .values({
        id: uuidv7(),
        sessionId: id,
        order: 1,
        questionText: first.question,
        questionProvider: first.provider,
        questionModel: first.model,
        createdAt: now,
      })
      .returning();
    const question = recordView(record!);
    await core.realtime.publish(interviewChannel(id), 'question.asked', question, { tx, afterCommit });
    return { session: sessionView(core, session!), records: [question] };
  });
}
