import type { ProductContext } from '../../../core/product.js';
import type { AuthUser } from '../../../core/identity/access.js';
import { segmentResult, upsertSegment } from '../transcripts.js';
import type { SegmentBody, SegmentParams, SegmentResult } from '../contract.js';

/** A partial or final transcript of one utterance, upserted by its segment id (a final is never overwritten). */
export async function sendSegment(
  core: ProductContext,
  user: AuthUser,
  { id, segmentId }: SegmentParams,
  body: SegmentBody,
): Promise<SegmentResult> {
  return segmentResult(await upsertSegment(core, user, id, { ...body, segmentId }));
}
