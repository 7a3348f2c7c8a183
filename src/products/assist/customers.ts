import { and, asc, eq, inArray } from 'drizzle-orm';
import type { ProductContext } from '../../core/product.js';
import type { Db } from '../../core/db/database.js';
import { uuidv7 } from '../../core/db/ids.js';
import { pgErrorCode, UNIQUE_VIOLATION } from '../../core/db/database.js';
import { AppError } from '../../core/http/errors.js';
import type { AuthUser } from '../../core/identity/access.js';
import { users } from '../../core/identity/schema.js';
import { agents, customers } from './schema.js';
import type { Agent, CreateCustomerBody, Customer, RegisterAgentBody } from './contract.js';

export const PRODUCT = 'assist';
export const AGENT_ROLE = 'agent';
export const PHONE_PURPOSE = 'assist.customer_phone';

export type CustomerRow = typeof customers.$inferSelect;
export type AgentRow = typeof agents.$inferSelect;

export type CustomerInput = CreateCustomerBody;

const PHONE = /^\+?[0-9][0-9 ().-]{5,24}$/;

/** The age as stored (encrypted text of a whole number). */
const ageOf = (text: string | null) => (text === null ? null : Number.parseInt(text, 10));

/**
 * A customer as agents see it. Name, phone, age, gender, residence and plan identify or describe the person and are
 * encrypted at rest; the grade, fee, contract, bundle, allowance and subscription date describe the subscription.
 */
export function customerView(core: ProductContext, c: CustomerRow): Customer {
  return {
    id: c.id,
    customerName: core.crypt.open(customers.customerName, c.id, c.customerName),
    phoneNumber: core.crypt.openOptional(customers.phoneNumber, c.id, c.phoneNumber),
    age: ageOf(core.crypt.openOptional(customers.age, c.id, c.age)),
    gender: core.crypt.openOptional(customers.gender, c.id, c.gender),
    residence: core.crypt.openOptional(customers.residence, c.id, c.residence),
    membershipGrade: c.membershipGrade,
    currentPlan: core.crypt.openOptional(customers.currentPlan, c.id, c.currentPlan),
    monthlyFee: c.monthlyFee,
    contractStatus: c.contractStatus,
    bundleInfo: c.bundleInfo,
    dataAllowance: c.dataAllowance,
    subscriptionDate: c.subscriptionDate,
    consultationHistory: c.consultationHistory as unknown[],
    createdAt: c.createdAt.toISOString(),
  };
}

export async function createCustomer(core: ProductContext, input: CustomerInput): Promise<CustomerRow> {
  if (input.phoneNumber && !PHONE.test(input.phoneNumber)) {
    throw new AppError('validation', 400, 'phoneNumber is not a phone number', {
      errors: [{ field: 'phoneNumber', message: 'digits, spaces, +, -, (, ) only' }],
    });
  }
  const id = uuidv7();
  const [row] = await core.db
    .insert(customers)
    .values({
      id,
      customerName: core.crypt.seal(customers.customerName, id, input.customerName.trim()),
      phoneNumber: core.crypt.sealOptional(customers.phoneNumber, id, input.phoneNumber ?? null),
      phoneBlindIndex: input.phoneNumber ? core.crypt.blind(PHONE_PURPOSE, 'phone', input.phoneNumber) : null,
      age: core.crypt.sealOptional(customers.age, id, input.age === null || input.age === undefined ? null : String(input.age)),
      gender: core.crypt.sealOptional(customers.gender, id, input.gender),
      residence: core.crypt.sealOptional(customers.residence, id, input.residence),
      membershipGrade: input.membershipGrade ?? null,
      currentPlan: core.crypt.sealOptional(customers.currentPlan, id, input.currentPlan),
      monthlyFee: input.monthlyFee ?? null,
      contractStatus: input.contractStatus ?? null,
      bundleInfo: input.bundleInfo ?? null,
      dataAllowance: input.dataAllowance ?? null,
      subscriptionDate: input.subscriptionDate ?? null,
      createdAt: core.clock.now(),
    })
    .returning();
  return row!;
}

/** Exact phone lookup through the blind index (every key generation's candidate, so rotation keeps finding old rows). */
export function customersByPhoneQuery(core: ProductContext, phone: string) {
  const candidates = core.crypt.blindCandidates(PHONE_PURPOSE, 'phone', phone);
  return core.db.select().from(customers).where(inArray(customers.phoneBlindIndex, candidates)).orderBy(asc(customers.createdAt));
}

export async function findCustomersByPhone(core: ProductContext, phone: string): Promise<CustomerRow[]> {
  return customersByPhoneQuery(core, phone);
}

export const customerNotFound = () => new AppError('assist.customer_not_found', 404, 'customer not found');

export async function getCustomer(core: ProductContext, id: string): Promise<CustomerRow> {
  const [row] = await core.db.select().from(customers).where(eq(customers.id, id));
  if (!row) throw customerNotFound();
  return row;
}

export function agentView(a: AgentRow): Agent {
  return { id: a.id, agentCode: a.agentCode, agentName: a.agentName, userId: a.userId, createdAt: a.createdAt.toISOString() };
}

/** Grants the account the agent role and creates its agent record (an admin's act). */
export async function registerAgent(core: ProductContext, input: RegisterAgentBody): Promise<AgentRow> {
  const [user] = await core.db.select({ id: users.id }).from(users).where(eq(users.id, input.userId));
  if (!user)
    throw new AppError('assist.user_not_found', 404, 'no account with that id', {
      errors: [{ field: 'userId', message: 'no such account' }],
    });
  await core.accounts.grantRole(input.userId, PRODUCT, AGENT_ROLE);
  try {
    const [row] = await core.db
      .insert(agents)
      .values({ id: uuidv7(), agentCode: input.agentCode, agentName: input.agentName, userId: input.userId, createdAt: core.clock.now() })
      .onConflictDoUpdate({ target: agents.userId, set: { agentCode: input.agentCode, agentName: input.agentName } })
      .returning();
    return row!;
  } catch (err) {
    if (pgErrorCode(err) === UNIQUE_VIOLATION) {
      throw new AppError('assist.agent_code_taken', 409, `agent code ${input.agentCode} belongs to another agent`, {
        errors: [{ field: 'agentCode', message: 'is taken' }],
      });
    }
    throw err;
  }
}

/** The caller's agent record; agents need both the role and the record. */
export async function requireAgent(core: ProductContext, user: AuthUser): Promise<AgentRow> {
  const [row] = await core.db.select().from(agents).where(eq(agents.userId, user.id));
  if (!row || (!user.isAdmin && !user.roles.has(`${PRODUCT}:${AGENT_ROLE}`))) {
    throw new AppError('auth.forbidden', 403, 'this needs an assist agent (the agent role and an agent record)');
  }
  return row;
}

/** Pass `db` (a transaction) when calling inside one. */
export async function agentByUser(core: ProductContext, userId: string, db: Db = core.db): Promise<AgentRow | null> {
  const [row] = await db
    .select()
    .from(agents)
    .where(and(eq(agents.userId, userId)));
  return row ?? null;
}
