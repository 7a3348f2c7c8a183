import type { Core } from '../../../core/context.js';
import type { SessionWithRecords } from '../contract.js';
import { ownSession, recordView, sessionRecords, sessionView } from '../interviews.js';

export async function getSession(core: Core, userId: string, sessionId: string): Promise<SessionWithRecords> {
  const session = await ownSession(core, userId, sessionId);
  return { session: sessionView(core, session), records: (await sessionRecords(core, session.id)).map(recordView) };
}
