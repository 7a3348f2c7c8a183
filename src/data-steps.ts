import type { Keyring } from './core/crypto/keyring.js';
import { createFieldCipher } from './core/crypto/field-cipher.js';
import { sealPlaintextColumns } from './core/crypto/plaintext-sealing.js';
import type { DataStep } from './core/db/migrate.js';
import { allTables } from './core/schema.js';
import { allProducts } from './products/index.js';

/**
 * The data steps that follow the migrations, oldest first. `seal-plaintext-0019`: migration 0019 turned persona
 * relationship and memo (calls) and customer age, gender, residence and plan (assist) into encrypted columns; their
 * rows still hold plain text until this step seals it under the active key.
 */
export function dataSteps(keyring: Keyring): DataStep[] {
  return [
    {
      name: 'seal-plaintext-0019',
      run: async (database) => void (await sealPlaintextColumns(database, createFieldCipher(keyring), allTables(allProducts))),
    },
  ];
}
