// Runs after `npm install`: builds an embedded database with the extensions, every committed migration
// and the job queue's tables once, and keeps it as a compressed snapshot. The first `npm start` copies it instead of running
// PostgreSQL's initdb and the migrations (many seconds); migrations added later are applied on top.
// Any failure only means the first start does that work itself.
import fs from 'node:fs';
import { embeddedSnapshotPath } from '../src/core/db/database.js';

try {
  const target = embeddedSnapshotPath();
  if (!fs.existsSync(target)) {
    const { openDatabase } = await import('../src/core/db/database.js');
    const { migrate } = await import('../src/core/db/migrate.js');
    const database = await openDatabase({ kind: 'pglite', dataDir: null });
    await migrate(database);
    const { installJobSchema } = await import('../src/core/jobs/job-queue.js');
    await installJobSchema(database);
    const client = (database.db as unknown as { $client: { dumpDataDir(c: 'gzip'): Promise<Blob> } }).$client;
    const snapshot = Buffer.from(await (await client.dumpDataDir('gzip')).arrayBuffer());
    fs.mkdirSync(new URL('.', `file://${target}`).pathname, { recursive: true });
    fs.writeFileSync(`${target}.tmp`, snapshot);
    fs.renameSync(`${target}.tmp`, target);
    console.log(`talkbase: prepared the embedded database (${(snapshot.length / 1e6).toFixed(1)} MB snapshot)`);
  }
} catch (err) {
  console.warn(
    `talkbase: could not prepare the embedded database (${err instanceof Error ? err.message : String(err)}); the first start will initialize it`,
  );
}
process.exit(0);
