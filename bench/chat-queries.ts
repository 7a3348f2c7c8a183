// Chat read paths at scale: the message page of a conversation and a user's conversation list, measured with
// 10,000 messages and with 1,000,000 messages over 50,000 conversations, on PGlite and on PostgreSQL.
//
//   npx tsx bench/chat-queries.ts [--messages 1000000] [--conversations 50000] [--queries 400] [--only pglite|postgres]
import os from 'node:os';
import { parseArgs } from 'node:util';
import type { Database } from '../src/core/db/database.js';
import { conversationsPageQuery, messagesPageQuery } from '../src/products/chat/conversations.js';
import { machineInfo, percentile, round, withBenchDatabase, writeReport } from './support.js';

const { values: args } = parseArgs({
  options: {
    messages: { type: 'string', default: '1000000' },
    conversations: { type: 'string', default: '50000' },
    queries: { type: 'string', default: '400' },
    only: { type: 'string' },
    // A run below the target size (npm run bench -- --quick) reports under another name.
    name: { type: 'string', default: 'chat-queries' },
  },
});
const QUERIES = Number(args.queries);
const CONVERSATIONS_PER_USER = 10;

interface Size {
  messages: number;
  conversations: number;
}

const uuid = (prefix: string, n: number | string) => `'00000000-0000-7000-${prefix}-' || lpad((${n})::text, 12, '0')`;

/** Users, conversations and messages written by the database itself, in slices so no single statement holds too much. */
async function load(database: Database, size: Size) {
  const users = Math.max(1, Math.ceil(size.conversations / CONVERSATIONS_PER_USER));
  await database.query(`INSERT INTO core.users (id, email, email_bidx, password_hash)
    SELECT (${uuid('8000', 'i')})::uuid, 'tb1.k.x', 'bench.' || i, 'x' FROM generate_series(1, ${users}) i`);
  await database.query(`INSERT INTO chat.conversations (id, user_id, persona_id, title, message_count, created_at, updated_at)
    SELECT (${uuid('9000', 'i')})::uuid, (${uuid('8000', `1 + (i - 1) / ${CONVERSATIONS_PER_USER}`)})::uuid, 'business-assistant',
           'conversation ' || i, ${Math.round(size.messages / size.conversations)}, now() - interval '400 days' + (i || ' seconds')::interval, now() - ((i * 7919) % 1000000 || ' seconds')::interval
    FROM generate_series(1, ${size.conversations}) i`);
  const slice = 100_000;
  for (let from = 1; from <= size.messages; from += slice) {
    const to = Math.min(size.messages, from + slice - 1);
    await database.query(`INSERT INTO chat.messages (id, conversation_id, role, content, created_at)
      SELECT (${uuid('a000', 'i')})::uuid, (${uuid('9000', `1 + i % ${size.conversations}`)})::uuid,
             CASE WHEN i % 2 = 0 THEN 'user' ELSE 'assistant' END, 'message number ' || i || ' with some ordinary words in it',
             now() - interval '300 days' + (i || ' seconds')::interval
      FROM generate_series(${from}, ${to}) i`);
  }
  await database.query('ANALYZE core.users; ANALYZE chat.conversations; ANALYZE chat.messages');
  return users;
}

async function time(database: Database, query: { toSQL(): { sql: string; params: unknown[] } }) {
  const { sql, params } = query.toSQL();
  const started = performance.now();
  await database.query(sql, params);
  return performance.now() - started;
}

async function measure(kind: 'pglite' | 'postgres', size: Size) {
  return withBenchDatabase(kind, async (database) => {
    const loadStarted = performance.now();
    const users = await load(database, size);
    const loadSeconds = round((performance.now() - loadStarted) / 1000, 1);
    const db = database.db;
    let seed = 7;
    const pick = (n: number) => 1 + ((seed = (seed * 48271) % 2147483647) % n);
    const messagePage: number[] = [];
    const conversationList: number[] = [];
    for (let i = 0; i < 20; i++)
      await time(
        database,
        messagesPageQuery(db, `00000000-0000-7000-9000-${String(pick(size.conversations)).padStart(12, '0')}`, { limit: 20 }),
      );
    for (let i = 0; i < QUERIES; i++) {
      messagePage.push(
        await time(
          database,
          messagesPageQuery(db, `00000000-0000-7000-9000-${String(pick(size.conversations)).padStart(12, '0')}`, { limit: 20 }),
        ),
      );
      conversationList.push(
        await time(database, conversationsPageQuery(db, `00000000-0000-7000-8000-${String(pick(users)).padStart(12, '0')}`, { limit: 20 })),
      );
    }
    const stats = (v: number[]) => ({ p50Ms: round(percentile(v, 50), 3), p99Ms: round(percentile(v, 99), 3) });
    return { database: kind, ...size, users, loadSeconds, messagePage: stats(messagePage), conversationList: stats(conversationList) };
  });
}

async function main() {
  const loadAtStart = os.loadavg()[0]!;
  const started = Date.now();
  const large: Size = { messages: Number(args.messages), conversations: Number(args.conversations) };
  const small: Size = { messages: 10_000, conversations: 500 };
  const kinds = (['pglite', 'postgres'] as const).filter((k) => !args.only || args.only === k);
  const results: Awaited<ReturnType<typeof measure>>[] = [];
  for (const kind of kinds) {
    for (const size of [small, large]) {
      console.log(`${kind}: ${size.messages.toLocaleString('en')} messages over ${size.conversations.toLocaleString('en')} conversations…`);
      const r = await measure(kind, size);
      console.log(JSON.stringify(r));
      results.push(r);
    }
  }
  const ratios = kinds.map((kind) => {
    const [s, l] = results.filter((r) => r.database === kind);
    return {
      database: kind,
      messagePageP50: round(l!.messagePage.p50Ms / s!.messagePage.p50Ms, 2),
      messagePageP99: round(l!.messagePage.p99Ms / s!.messagePage.p99Ms, 2),
      conversationListP50: round(l!.conversationList.p50Ms / s!.conversationList.p50Ms, 2),
      conversationListP99: round(l!.conversationList.p99Ms / s!.conversationList.p99Ms, 2),
    };
  });
  const machine = machineInfo(loadAtStart);
  const report = {
    benchmark: 'chat-queries',
    date: new Date().toISOString(),
    machine,
    queries: QUERIES,
    target: 'large/small within 2×',
    results,
    ratios,
    totalSeconds: round((Date.now() - started) / 1000, 1),
  };
  const rows = results.map(
    (r) =>
      `| ${r.database} | ${r.messages.toLocaleString('en')} | ${r.conversations.toLocaleString('en')} | ${r.messagePage.p50Ms} | ${r.messagePage.p99Ms} | ${r.conversationList.p50Ms} | ${r.conversationList.p99Ms} | ${r.loadSeconds} |`,
  );
  const ratioRows = ratios.map(
    (r) => `| ${r.database} | ${r.messagePageP50}× | ${r.messagePageP99}× | ${r.conversationListP50}× | ${r.conversationListP99}× |`,
  );
  writeReport(
    args.name!,
    report,
    `# Chat queries at scale

The two read paths of the chat product, run as the product runs them (the Drizzle queries of
\`messagesPageQuery\` and \`conversationsPageQuery\`, first page of 20), ${QUERIES} times each against random
conversations and users, after a warm-up. Target: the large data set within 2× of the small one.

| database | messages | conversations | message page p50 ms | p99 ms | conversation list p50 ms | p99 ms | load s |
|---|---|---|---|---|---|---|---|
${rows.join('\n')}

| database | message page p50 | p99 | conversation list p50 | p99 |
|---|---|---|---|---|
${ratioRows.join('\n')}

- Machine: ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGb} GB, Node ${machine.node}, ${machine.platform}; load average ${machine.loadAverageAtStart} at start, ${machine.loadAverageAtEnd} at the end.
- Run: \`npx tsx bench/chat-queries.ts --messages ${large.messages} --conversations ${large.conversations} --queries ${QUERIES}\`, ${report.date}, ${report.totalSeconds} s in all.
`,
  );
  console.log(ratioRows.join('\n'));
}

await main();
process.exit(0);
