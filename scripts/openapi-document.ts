// The OpenAPI document every deployment serves: the app is built in this process on an in-memory embedded database
// with every product and a fixed environment (its server: `/`), and its GET /openapi.json read; nothing is fetched from
// the network. The OpenAPI lint and the client's type generator both read it from here.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/core/db/database.js';
import { migrate } from '../src/core/db/migrate.js';
import { generateKeyring } from '../src/core/crypto/keyring.js';
import { allProducts } from '../src/products/index.js';

export async function servedOpenApiDocument(): Promise<Record<string, unknown>> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'talkbase-openapi-data-'));
  const database = await openDatabase({ kind: 'pglite', dataDir: null });
  try {
    await migrate(database);
    const config = loadConfig({ TALKBASE_DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    const app = await buildApp(config, { database, keyring: generateKeyring(), products: allProducts, logger: false, startJobs: false });
    try {
      const res = await app.inject({ url: '/openapi.json' });
      if (res.statusCode !== 200) throw new Error(`GET /openapi.json answered ${res.statusCode}`);
      return res.json();
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
