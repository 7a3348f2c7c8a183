import type { ProductContext } from '../../../core/product.js';
import type { AuthUser } from '../../../core/identity/access.js';
import { accessibleRoom } from '../rooms.js';
import { finalsQuery, transcriptView } from '../transcripts.js';
import type { FinalsQuery, Transcript } from '../contract.js';

/** The room's final transcript in order, for its agent and whoever was in it. */
export async function getTranscript(core: ProductContext, user: AuthUser, roomId: string, query: FinalsQuery): Promise<Transcript[]> {
  await accessibleRoom(core, user, roomId);
  return (await finalsQuery(core.db, roomId, query.afterIndex)).map(transcriptView);
}
