import type { ProductContext } from '../../../core/product.js';
import type { AuthUser } from '../../../core/identity/access.js';
import { createCustomer, customerView, requireAgent } from '../customers.js';
import type { CreateCustomerBody, Customer } from '../contract.js';

/** An agent registers a customer; name and phone are stored encrypted. */
export async function registerCustomer(core: ProductContext, user: AuthUser, input: CreateCustomerBody): Promise<Customer> {
  await requireAgent(core, user);
  return customerView(core, await createCustomer(core, input));
}
