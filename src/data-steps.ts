import type { Keyring } from './core/crypto/keyring.js';
import { createFieldCipher } from './core/crypto/field-cipher.js';
import { sealPlaintextColumns } from './core/crypto/plaintext-sealing.js';
import { createBlindIndex } from './core/crypto/blind-index.js';
import { reindexPhoneNumbers, type PhoneIndexTarget } from './core/crypto/phone-reindex.js';
import type { DataStep } from './core/db/migrate.js';
import { allTables } from './core/schema.js';
import { allProducts } from './products/index.js';
import { PHONE_PURPOSE as CUSTOMER_PHONE } from './products/assist/customers.js';
import { customers } from './products/assist/schema.js';
import { PHONE_PURPOSE as PERSONA_PHONE } from './products/calls/personas.js';
import { personas } from './products/calls/schema.js';

/** The phone numbers found through a blind index: a customer's (assist) and a persona's (calls). */
export const phoneIndexTargets: PhoneIndexTarget[] = [
  { table: customers, phone: customers.phoneNumber, index: customers.phoneBlindIndex, purpose: CUSTOMER_PHONE },
  { table: personas, phone: personas.phoneNumber, index: personas.phoneBlindIndex, purpose: PERSONA_PHONE },
];

/**
 * The data steps that follow the migrations, oldest first. `seal-plaintext-0019`: migration 0019 turned persona
 * relationship and memo (calls) and customer age, gender, residence and plan (assist) into encrypted columns; their
 * rows still hold plain text until this step seals it under the active key. `reindex-phones-e164`: phone numbers'
 * blind indexes were computed from their digits (`010-1234-5678` and `+82 10-1234-5678` apart) until phone numbers
 * were normalized to E.164; this step recomputes them so every spelling finds the rows written before.
 */
export function dataSteps(keyring: Keyring): DataStep[] {
  return [
    {
      name: 'seal-plaintext-0019',
      run: async (database) => void (await sealPlaintextColumns(database, createFieldCipher(keyring), allTables(allProducts))),
    },
    {
      name: 'reindex-phones-e164',
      run: async (database) =>
        void (await reindexPhoneNumbers(database, createFieldCipher(keyring), createBlindIndex(keyring), phoneIndexTargets)),
    },
  ];
}
