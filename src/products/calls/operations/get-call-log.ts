import { and, eq } from 'drizzle-orm';
import type { ProductContext } from '../../../core/product.js';
import { AppError } from '../../../core/http/errors.js';
import { logView } from '../call-sessions.js';
import { callLogs } from '../schema.js';
import type { CallLog } from '../contract.js';

export async function getCallLog(core: ProductContext, userId: string, id: string): Promise<CallLog> {
  const [row] = await core.db
    .select()
    .from(callLogs)
    .where(and(eq(callLogs.id, id), eq(callLogs.userId, userId)));
  if (!row) throw new AppError('calls.log_not_found', 404, 'call log not found');
  return logView(row);
}
