import type { ProductContext } from '../../../core/product.js';
import type { AuthUser } from '../../../core/identity/access.js';
import { ingestSegments, segmentResult } from '../transcripts.js';
import type { SegmentBatchBody, SegmentResult } from '../contract.js';

/** An STT gateway's batch of partial and final segments, applied in order with the rules of one. */
export async function sendSegments(core: ProductContext, user: AuthUser, roomId: string, body: SegmentBatchBody): Promise<SegmentResult[]> {
  return (await ingestSegments(core, user, roomId, body.segments, { batch: true })).map(segmentResult);
}
