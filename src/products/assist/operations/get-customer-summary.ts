import type { ProductContext } from '../../../core/product.js';
import type { AuthUser } from '../../../core/identity/access.js';
import { customerNotFound, requireAgent } from '../customers.js';
import { customerConsultationSummary } from '../views.js';
import type { CustomerSummary } from '../contract.js';

/** The customer_consultation_summary view's row for one customer; for agents. */
export async function getCustomerSummary(core: ProductContext, user: AuthUser, customerId: string): Promise<CustomerSummary> {
  await requireAgent(core, user);
  const summary = await customerConsultationSummary(core, customerId);
  if (!summary) throw customerNotFound();
  return summary;
}
