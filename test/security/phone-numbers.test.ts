// Phone numbers are normalized to E.164 (national numbers read as Korean) before their blind index: a customer or a
// persona written with one spelling is found by every spelling, and rows indexed before that by their digits alone
// are re-indexed once by a data step that finishes, after a stop, what it had not done.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBlindIndex } from '../../src/core/crypto/blind-index.js';
import { createFieldCipher } from '../../src/core/crypto/field-cipher.js';
import { reindexPhoneNumbers } from '../../src/core/crypto/phone-reindex.js';
import { runDataSteps } from '../../src/core/db/migrate.js';
import { dataSteps, phoneIndexTargets } from '../../src/data-steps.js';
import { assistProduct } from '../../src/products/assist/index.js';
import { PHONE_PURPOSE as CUSTOMER_PHONE } from '../../src/products/assist/customers.js';
import { callsProduct } from '../../src/products/calls/index.js';
import { PHONE_PURPOSE as PERSONA_PHONE } from '../../src/products/calls/personas.js';
import { createTestApp, signUp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let agent: Awaited<ReturnType<typeof signUp>>;

beforeAll(async () => {
  t = await createTestApp({ deps: { products: [callsProduct, assistProduct] } });
  const admin = await signUp(t.app);
  await t.database.query('UPDATE core.users SET is_admin = true WHERE id = $1', [admin.user.id]);
  agent = await signUp(t.app);
  const res = await t.app.inject({
    method: 'POST',
    url: '/v1/assist/agents',
    headers: admin.auth,
    payload: { userId: agent.user.id, agentCode: 'K-1', agentName: '김상담' },
  });
  expect(res.statusCode, res.body).toBe(201);
});
afterAll(async () => t?.close());

/** The blind index of exactly `value` under the active blind key, computed here rather than by the code under test. */
function indexOf(purpose: string, value: string): string {
  const key = t.keyring.blindKeys.get(t.keyring.blindActive)!;
  return `${t.keyring.blindActive}.${createHmac('sha256', key).update(`${purpose}\u0000${value}`).digest('hex')}`;
}

/** The three spellings of one Korean mobile number. */
const spellings = (n: string) => [`010-${n.slice(0, 4)}-${n.slice(4)}`, `010${n}`, `+82 10-${n.slice(0, 4)}-${n.slice(4)}`];

async function newCustomer(customerName: string, phoneNumber: string): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/v1/assist/customers',
    headers: agent.auth,
    payload: { customerName, phoneNumber },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

async function foundBy(phone: string): Promise<string[]> {
  const res = await t.app.inject({ url: `/v1/assist/customers?phone=${encodeURIComponent(phone)}`, headers: agent.auth });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { id: string; phoneNumber: string }[]).map((c) => c.id);
}

async function newPersona(auth: Record<string, string>, phoneNumber: string) {
  return t.app.inject({ method: 'POST', url: '/v1/calls/personas', headers: auth, payload: { name: '할머니', phoneNumber } });
}

const bidxOf = async (table: string, id: string) =>
  (await t.database.query<{ phone_bidx: string }>(`SELECT phone_bidx FROM ${table} WHERE id = $1`, [id]))[0]!.phone_bidx;

describe('one phone number, every spelling', () => {
  it('finds a customer written in any of the three spellings by all three, and indexes the E.164 form', async () => {
    const [dashed, bare, international] = spellings('24681357');
    const ids = [await newCustomer('김민수', dashed!), await newCustomer('이서연', bare!), await newCustomer('박지훈', international!)];
    for (const spelling of [dashed!, bare!, international!]) expect((await foundBy(spelling)).sort()).toEqual([...ids].sort());
    for (const id of ids) expect(await bidxOf('assist.customers', id)).toBe(indexOf(CUSTOMER_PHONE, '+821024681357'));
    // The number is answered as it was written.
    const got = await t.app.inject({ url: `/v1/assist/customers/${ids[2]}`, headers: agent.auth });
    expect(got.json().customer.phoneNumber).toBe(international);
  });

  it('takes a persona’s number in any spelling as the same number, and indexes the E.164 form', async () => {
    for (const [i, first] of spellings('13572468').entries()) {
      const u = await signUp(t.app);
      const created = await newPersona(u.auth, first);
      expect(created.statusCode, created.body).toBe(201);
      expect(await bidxOf('calls.personas', created.json().id)).toBe(indexOf(PERSONA_PHONE, '+821013572468'));
      for (const other of spellings('13572468').filter((_, j) => j !== i)) {
        const dup = await newPersona(u.auth, other);
        expect(dup.statusCode, `${first} then ${other}`).toBe(409);
        expect(dup.json().type).toContain('calls.phone_taken');
        expect(dup.json().errors).toEqual([expect.objectContaining({ field: 'phoneNumber' })]);
      }
    }
  });

  it('still refuses what it refused and keeps numbers that cannot be a phone number apart by their digits', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/v1/assist/customers',
      headers: agent.auth,
      payload: { customerName: '오류', phoneNumber: '010-1234-abcd' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ errors: [{ field: 'phoneNumber' }] });
    const u = await signUp(t.app);
    const short = await newPersona(u.auth, '114');
    expect(short.statusCode, short.body).toBe(201);
    expect(await bidxOf('calls.personas', short.json().id)).toBe(indexOf(PERSONA_PHONE, '114'));
  });
});

describe('rows indexed before', () => {
  /** Writes the index the way it was computed before E.164: digits only, a leading + kept. */
  async function indexTheOldWay(table: string, purpose: string, id: string, phone: string) {
    const old = indexOf(purpose, (phone.startsWith('+') ? '+' : '') + phone.replace(/\D/g, ''));
    await t.database.query(`UPDATE ${table} SET phone_bidx = $2 WHERE id = $1`, [id, old]);
    return old;
  }

  it('are re-indexed by the data step, once, and then found by every spelling', async () => {
    const [dashed, bare, international] = spellings('11223344');
    const customer = await newCustomer('최유진', dashed!);
    const u = await signUp(t.app);
    const persona = (await newPersona(u.auth, bare!)).json().id as string;
    await indexTheOldWay('assist.customers', CUSTOMER_PHONE, customer, dashed!);
    await indexTheOldWay('calls.personas', PERSONA_PHONE, persona, bare!);
    expect(await foundBy(international!)).not.toContain(customer);
    await t.database.query(`DELETE FROM public.talkbase_data_steps WHERE name = 'reindex-phones-e164'`);

    expect(await runDataSteps(t.database, dataSteps(t.keyring))).toEqual(['reindex-phones-e164']);
    expect(await bidxOf('assist.customers', customer)).toBe(indexOf(CUSTOMER_PHONE, '+821011223344'));
    expect(await bidxOf('calls.personas', persona)).toBe(indexOf(PERSONA_PHONE, '+821011223344'));
    for (const spelling of [dashed!, bare!, international!]) {
      expect(await foundBy(spelling)).toEqual([customer]);
      expect((await newPersona(u.auth, spelling)).statusCode).toBe(409);
    }
    expect(await runDataSteps(t.database, dataSteps(t.keyring))).toEqual([]);
  });

  it('are finished after a stop by the next run, which writes only the rows still left', async () => {
    const ids: string[] = [];
    for (const [i, n] of ['55660001', '55660002', '55660003'].entries()) {
      // The local spellings: an international one's old index was its E.164 form already.
      const phone = spellings(n)[i % 2]!;
      const id = await newCustomer(`고객${i}`, phone);
      await indexTheOldWay('assist.customers', CUSTOMER_PHONE, id, phone);
      ids.push(id);
    }
    const cipher = createFieldCipher(t.keyring);
    const blind = createBlindIndex(t.keyring);
    const stop = new Error('stopped');
    await expect(
      reindexPhoneNumbers(t.database, cipher, blind, phoneIndexTargets, {
        batchSize: 1,
        afterBatch: (reindexed) => {
          if (reindexed >= 1) throw stop;
        },
      }),
    ).rejects.toBe(stop);
    const fresh = (i: number) => indexOf(CUSTOMER_PHONE, `+82105566000${i + 1}`);
    const done = async () => (await Promise.all(ids.map((id) => bidxOf('assist.customers', id)))).filter((b, i) => b === fresh(i)).length;
    expect(await done()).toBe(1);

    expect(await reindexPhoneNumbers(t.database, cipher, blind, phoneIndexTargets, { batchSize: 1 })).toEqual({ reindexed: 2, kept: 0 });
    expect(await done()).toBe(3);
    expect(await reindexPhoneNumbers(t.database, cipher, blind, phoneIndexTargets, { batchSize: 1 })).toEqual({ reindexed: 0, kept: 0 });
    for (const [i, id] of ids.entries()) expect(await foundBy(spellings(`5566000${i + 1}`)[(i + 1) % 3]!)).toEqual([id]);
  });

  it('leave a user’s second live persona that is now the same number with its old index, and the step still finishes', async () => {
    const [dashed, , international] = spellings('77889900');
    const u = await signUp(t.app);
    const first = (await newPersona(u.auth, international!)).json().id as string;
    // As an older release let it be written: the dashed spelling was another number then.
    const other = await signUp(t.app);
    const second = (await newPersona(other.auth, dashed!)).json().id as string;
    const old = await indexTheOldWay('calls.personas', PERSONA_PHONE, second, dashed!);
    await t.database.query('UPDATE calls.personas SET user_id = $2 WHERE id = $1', [second, u.user.id]);

    const run = await reindexPhoneNumbers(t.database, createFieldCipher(t.keyring), createBlindIndex(t.keyring), phoneIndexTargets);
    expect(run).toEqual({ reindexed: 0, kept: 1 });
    expect(await bidxOf('calls.personas', second)).toBe(old);
    expect(await bidxOf('calls.personas', first)).toBe(indexOf(PERSONA_PHONE, '+821077889900'));
    const list = await t.app.inject({ url: '/v1/calls/personas', headers: u.auth });
    expect((list.json() as { id: string }[]).map((p) => p.id).sort()).toEqual([first, second].sort());
  });
});
