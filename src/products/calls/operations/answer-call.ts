import { eq } from 'drizzle-orm';
import type { ProductContext } from '../../../core/product.js';
import { pgErrorCode, UNIQUE_VIOLATION, type Db } from '../../../core/db/database.js';
import { inTransaction } from '../../../core/db/transaction.js';
import { AppError } from '../../../core/http/errors.js';
import { lockCallFor, saveCallState, scheduleConnectionCheck, sessionView } from '../call-sessions.js';
import { personaNotFound } from '../personas.js';
import { personas } from '../schema.js';
import type { Call } from '../contract.js';

/** The persona answers: CONNECTING → ACTIVE; the database's partial unique index decides a race for the persona. */
export async function answerCall(core: ProductContext, userId: string, sessionId: string): Promise<Call> {
  try {
    return await inTransaction(core.db, async (tx, afterCommit) => {
      const session = await lockCallFor(core, tx, userId, sessionId, 'ACTIVE');
      await assertVoiceTrained(tx, session.personaId);
      const now = core.clock.now();
      const answered = await saveCallState(core, { tx, afterCommit }, session.id, { status: 'ACTIVE', startedAt: now, updatedAt: now });
      // A call nobody ever attached to ends too: its grace counts from now.
      await scheduleConnectionCheck(core, tx, session.id, 'active');
      return sessionView(core, answered);
    });
  } catch (err) {
    if (pgErrorCode(err) === UNIQUE_VIOLATION) {
      throw new AppError('calls.persona_busy', 409, 'the persona is already in an ACTIVE call', { from: 'CONNECTING', to: 'ACTIVE' });
    }
    throw err;
  }
}

async function assertVoiceTrained(tx: Db, personaId: string): Promise<void> {
  const [persona] = await tx
    .select({ status: personas.learningStatus, deleted: personas.isDeleted })
    .from(personas)
    .where(eq(personas.id, personaId));
  if (!persona || persona.deleted) throw personaNotFound();
  if (persona.status !== 'COMPLETED') {
    throw new AppError(
      'calls.voice_not_trained',
      409,
      `the persona's voice training is ${persona.status}; a call can only connect once it is COMPLETED`,
    );
  }
}
