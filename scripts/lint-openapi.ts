// `npm run lint:openapi`: lints the OpenAPI document the server serves with Redocly (rules in redocly.yaml). The app
// is built in this process on an in-memory embedded database with every product, and its GET /openapi.json linted;
// nothing is fetched from the network. `--out <file>` keeps the document there as well.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/core/db/database.js';
import { migrate } from '../src/core/db/migrate.js';
import { generateKeyring } from '../src/core/crypto/keyring.js';
import { allProducts } from '../src/products/index.js';
import { redoclyLint } from './redocly-lint.js';

const args = process.argv.slice(2);
const out = args.includes('--out') ? args[args.indexOf('--out') + 1] : undefined;

async function servedDocument(): Promise<unknown> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'talkbase-openapi-data-'));
  const database = await openDatabase({ kind: 'pglite', dataDir: null });
  try {
    await migrate(database);
    // A fixed environment, so the document linted is the one every deployment serves (its server: `/`).
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

process.exit(redoclyLint(await servedDocument(), { out, stdio: 'inherit' }).status);
