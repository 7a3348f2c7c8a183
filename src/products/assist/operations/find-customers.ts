import type { ProductContext } from '../../../core/product.js';
import type { AuthUser } from '../../../core/identity/access.js';
import { customerView, findCustomersByPhone, requireAgent } from '../customers.js';
import type { Customer, FindCustomersQuery } from '../contract.js';

/** An agent finds customers by phone number: exact, through the blind index. */
export async function findCustomers(core: ProductContext, user: AuthUser, query: FindCustomersQuery): Promise<Customer[]> {
  await requireAgent(core, user);
  return (await findCustomersByPhone(core, query.phone)).map((c) => customerView(core, c));
}
