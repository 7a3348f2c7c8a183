import { desc, eq } from 'drizzle-orm';
import type { ProductContext } from '../../../core/product.js';
import type { AuthUser } from '../../../core/identity/access.js';
import { customerView, getCustomer, requireAgent } from '../customers.js';
import { consultationHistory } from '../schema.js';
import { customerConsultationSummary } from '../views.js';
import type { CustomerDetail, History } from '../contract.js';

/** A customer with their consultation history, newest first, and the summary view's row; for agents. */
export async function getCustomerDetail(core: ProductContext, user: AuthUser, customerId: string): Promise<CustomerDetail> {
  await requireAgent(core, user);
  const customer = await getCustomer(core, customerId);
  return {
    customer: customerView(core, customer),
    history: await customerHistory(core, customer.id),
    summary: (await customerConsultationSummary(core, customer.id))!,
  };
}

async function customerHistory(core: ProductContext, customerId: string): Promise<History[]> {
  const rows = await core.db
    .select()
    .from(consultationHistory)
    .where(eq(consultationHistory.customerId, customerId))
    .orderBy(desc(consultationHistory.consultationDate), desc(consultationHistory.createdAt));
  return rows.map((h) => ({
    id: h.id,
    sessionId: h.sessionId,
    consultationDate: h.consultationDate,
    consultationType: h.consultationType,
    detail: h.detail as Record<string, unknown>,
    createdAt: h.createdAt.toISOString(),
  }));
}
