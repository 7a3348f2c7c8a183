// The core serves every product and names none (docs: ARCHITECTURE): no product id, event, route, setting or product
// concept appears in src/core/ or src/config.ts, not even in a comment, so a sixth product changes nothing there.
// The matcher is shown to catch planted lines first, so a pass means something.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allProducts } from '../../src/products/index.js';

const REPO = path.resolve(import.meta.dirname, '../..');

/**
 * Product names that are also the core's own words: `chat` is the AI engine's chat operation (`core.ai.chat`, the
 * capability 'chat'), `calls` a verb and the count of AI calls. Only their product forms are refused: a route under
 * /v1/<name>, a namespaced name (`'chat.message'`, `calls.call.ended`), a channel `<name>:…`, `product: '<name>'`,
 * `<name>Product`.
 */
const CORE_WORDS = new Set(['chat', 'calls']);

/**
 * What only a product knows: its roles, the people and things of its domain. A persona is not one of them: it is the
 * character an AI plays from its system prompt, and the voice-training engine's contract names it (personaId).
 */
const PRODUCT_WORDS = [
  'interviewer',
  'interviewers',
  'student',
  'students',
  'pronunciation',
  'consultation',
  'consultations',
  'customer',
  'customers',
  'agent',
  'agents',
  'roleplay',
];

const productNames = allProducts.map((p) => p.name);
const plural = (name: string) => (name.endsWith('s') ? name : `${name}s`);
const forbiddenWords = new Set([...productNames.filter((n) => !CORE_WORDS.has(n)).flatMap((n) => [n, plural(n)]), ...PRODUCT_WORDS]);

/** The words of a line: camelCase, snake_case, kebab-case and UPPER_CASE split into lower-case parts. */
function wordsOf(line: string): string[] {
  return line
    .replace(/user-agent/gi, 'user-header')
    .replace(/role-play/gi, 'roleplay')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
}

function productFormsOf(name: string): RegExp[] {
  return [
    new RegExp(`/v1/${name}\\b`),
    new RegExp(`(^|[^\\w.$/@-])${name}\\.[a-z_]`),
    new RegExp(`['"\`]${name}:`),
    new RegExp(`\\bproducts?["']?\\s*(:|===?|!==?)\\s*['"\`]${name}['"\`]`),
    new RegExp(`\\b${name}Product\\b`),
  ];
}
const productForms = productNames.map((name) => ({ name, forms: productFormsOf(name) }));

/** What in one line of source names a product (empty: nothing). */
export function productMentions(line: string): string[] {
  const found = new Set(wordsOf(line).filter((w) => forbiddenWords.has(w)));
  for (const { name, forms } of productForms) if (forms.some((f) => f.test(line))) found.add(name);
  return [...found];
}

function sourcesOf(dir: string): string[] {
  return fs.readdirSync(path.join(REPO, dir), { recursive: true, encoding: 'utf8' }).flatMap((entry) => {
    const file = path.join(dir, entry);
    return file.endsWith('.ts') && fs.statSync(path.join(REPO, file)).isFile() ? [file] : [];
  });
}

describe('src/core and src/config.ts name no product', () => {
  it('the matcher catches product names and concepts in code, strings and comments, and leaves the core alone', () => {
    const planted = [
      `  name: 'tutor.daily-rollup',`,
      `/** Unique across the deployment (\`assist.transcript\`). */`,
      `const TIME_ZONE = env.TUTOR_TIME_ZONE;`,
      `  if (product === 'interview') return;`,
      `  url: '/v1/chat/conversations',`,
      `  type: 'chat.message',`,
      ` * (\`calls.call.ended\`); the payload carries ids.`,
      `  channel: \`calls:\${id}\`,`,
      `First message: {"type":"start","product":"calls"}`,
      `import { chatProduct } from '../products/chat/index.js';`,
      `  /** Whether a user may take this role on themselves (a student). */`,
      `  description: 'a role-play conversation',`,
    ];
    for (const line of planted) expect(productMentions(line), line).not.toEqual([]);
    const allowed = [
      `  const reply = await core.ai.chat({ messages }, { signal });`,
      `  endpoints: Partial<Record<'chat' | 'embed' | 'transcribe' | 'speak', { baseUrl?: string }>>;`,
      `  AI_QUOTA_CALLS_PER_DAY: Type.Integer({ description: 'AI calls per user per UTC day' }),`,
      ` * every change to an account calls \`forget(userId)\` after it commits.`,
      `import { createOfflineChat } from './chat.js';`,
      `        'user-agent': \`Talkbase-Webhooks/\${VERSION}\`,`,
      `  /** The assistant's reply, as the engine streamed it. */`,
      `  name: '<product>.daily-rollup',`,
    ];
    for (const line of allowed) expect(productMentions(line), line).toEqual([]);
  });

  it('no line of src/core or src/config.ts names a product', () => {
    const files = [...sourcesOf('src/core'), 'src/config.ts'];
    expect(files.length).toBeGreaterThan(50);
    const hits = files.flatMap((file) =>
      fs
        .readFileSync(path.join(REPO, file), 'utf8')
        .split('\n')
        .flatMap((line, i) => {
          const found = productMentions(line);
          return found.length ? [`${file}:${i + 1}: ${found.join(', ')} — ${line.trim()}`] : [];
        }),
    );
    expect(hits, hits.join('\n')).toEqual([]);
  });
});
