// The architecture's boundaries (.dependency-cruiser.cjs and the process.env rule in eslint.config.js): the real src/
// keeps them, and each rule catches a violation planted in a small throwaway tree, by its name.
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = path.resolve(import.meta.dirname, '../..');
const CONFIG = path.join(REPO, '.dependency-cruiser.cjs');
const DEPCRUISE = path.join(REPO, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(file: string, args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd, encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Each planted file; the comments say which rule it breaks, or why it breaks none. */
const PLANTED: Record<string, string> = {
  'src/products/chat/y.ts': 'export const y = 1;\n',
  // A product importing its own files is fine.
  'src/products/chat/z.ts': "import { y } from './y.js';\nexport const z = y + 1;\n",
  // core-not-to-products
  'src/core/x.ts': "import { y } from '../products/chat/y.js';\nexport const x = y;\n",
  // product-not-to-other-product
  'src/products/tutor/borrow.ts': "import { y } from '../chat/y.js';\nexport const borrowed = y;\n",
  // products-take-product-context (a type import of the whole Core is one too; core/context.ts itself stands in for it)
  'src/core/context.ts': 'export interface Core {\n  keyring: string;\n}\n',
  'src/products/chat/keys.ts': "import type { Core } from '../../core/context.js';\nexport const keys = (core: Core) => core.keyring;\n",
  // db-drivers-only-in-core-db (and the same import in core/db is fine)
  'src/products/calls/pool.ts': "import pg from 'pg';\nexport const Pool = pg.Pool;\n",
  'src/core/db/pool.ts': "import pg from 'pg';\nexport const Pool = pg.Pool;\n",
  // ai-sdks-only-in-providers (and the same import in a provider is fine)
  'src/core/ai/summarize.ts': "import OpenAI from 'openai';\nexport const client = () => new OpenAI({ apiKey: 'k' });\n",
  'src/core/ai/providers/openai/client.ts': "import OpenAI from 'openai';\nexport const client = () => new OpenAI({ apiKey: 'k' });\n",
  // no-runtime-cycles
  'src/core/a.ts': "import { b } from './b.js';\nexport const a = () => b;\n",
  'src/core/b.ts': "import { a } from './a.js';\nexport const b = () => a;\n",
  // A cycle of type-only imports vanishes when compiled: fine.
  'src/core/t1.ts': "import type { T2 } from './t2.js';\nexport interface T1 {\n  t2?: T2;\n}\n",
  'src/core/t2.ts': "import type { T1 } from './t1.js';\nexport interface T2 {\n  t1?: T1;\n}\n",
  'tsconfig.json': JSON.stringify({
    compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true },
    include: ['src'],
  }),
};

interface Violation {
  severity: string;
  rule: string;
  from: string;
  to: string;
}

/** `node_modules/<package>` for a package, whichever way it was reached; a module of the tree as it is. */
const short = (to: string) => to.replace(/^.*node_modules\/((@[^/]+\/)?[^/]+).*$/, 'node_modules/$1');

describe('architecture boundaries', () => {
  let tree: string;
  let planted: Run;

  beforeAll(async () => {
    tree = await fs.mkdtemp(path.join(os.tmpdir(), 'talkbase-boundaries-'));
    for (const [file, text] of Object.entries(PLANTED)) {
      await fs.mkdir(path.dirname(path.join(tree, file)), { recursive: true });
      await fs.writeFile(path.join(tree, file), text);
    }
    // The repository's packages, so 'pg' and 'openai' resolve as they do in src/.
    await fs.symlink(path.join(REPO, 'node_modules'), path.join(tree, 'node_modules'), 'dir');
    // What npm run check:boundaries runs, with its text report: `error <rule>: <from> → <to>` (a cycle: a module a line).
    planted = await run(process.execPath, [DEPCRUISE, 'src', '--config', CONFIG], tree);
  });

  afterAll(async () => {
    if (!tree) return;
    await fs.unlink(path.join(tree, 'node_modules')).catch(() => undefined);
    await fs.rm(tree, { recursive: true, force: true });
  });

  it('the real src/ passes npm run check:boundaries', async () => {
    const result = await run('npm', ['run', '--silent', 'check:boundaries'], REPO);
    expect(result.stderr + result.stdout).toContain('no dependency violations found');
    expect(result.code).toBe(0);
  });

  it('the planted tree fails the check, with exactly the planted violations, each named by its rule', () => {
    expect(planted.stderr).toBe('');
    const violations = [...planted.stdout.matchAll(/^\s*(error|warn|info) ([a-z-]+): (\S+) →\s+(\S+)/gm)].map(
      ([, severity, rule, from, to]) => ({
        severity,
        rule,
        from,
        to,
      }),
    );
    // A cycle is reported once, from whichever of its modules the cruise met first.
    const named = (v: Violation) =>
      v.rule === 'no-runtime-cycles' ? `${v.rule}: ${[v.from, v.to].sort().join(' <-> ')}` : `${v.rule}: ${v.from} -> ${short(v.to)}`;
    expect(violations.map(named).sort()).toEqual([
      'ai-sdks-only-in-providers: src/core/ai/summarize.ts -> node_modules/openai',
      'core-not-to-products: src/core/x.ts -> src/products/chat/y.ts',
      'db-drivers-only-in-core-db: src/products/calls/pool.ts -> node_modules/pg',
      'no-runtime-cycles: src/core/a.ts <-> src/core/b.ts',
      'product-not-to-other-product: src/products/tutor/borrow.ts -> src/products/chat/y.ts',
      'products-take-product-context: src/products/chat/keys.ts -> src/core/context.ts',
    ]);
    expect(violations.every((v) => v.severity === 'error')).toBe(true);
    expect(planted.stdout).toContain(`${violations.length} dependency violations (${violations.length} errors, 0 warnings)`);
    // The command exits with the number of errors, so npm run check and CI stop on any of them.
    expect(planted.code).toBe(violations.length);
  });

  describe('process.env outside src/config.ts', () => {
    const eslint = new ESLint({ cwd: REPO });
    const rulesHit = async (code: string, file: string) =>
      (await eslint.lintText(code, { filePath: path.join(REPO, file) }))[0]!.messages.map((m) => m.ruleId);

    it('a read in a module of src/ is an error, however it is written', async () => {
      expect(await rulesHit('export const secret = process.env.TALKBASE_SECRET;\n', 'src/core/planted.ts')).toEqual([
        'no-restricted-properties',
      ]);
      expect(await rulesHit("export const home = process['env'].HOME;\n", 'src/products/chat/planted.ts')).toEqual([
        'no-restricted-properties',
      ]);
      expect(await rulesHit('const { env } = process;\nexport const home = env.HOME;\n', 'src/core/planted.ts')).toEqual([
        'no-restricted-properties',
      ]);
      expect(await rulesHit("import { env } from 'node:process';\nexport const home = env.HOME;\n", 'src/core/planted.ts')).toEqual([
        'no-restricted-imports',
      ]);
    });

    it('src/config.ts may read it', async () => {
      expect(await rulesHit('export const secret = process.env.TALKBASE_SECRET;\n', 'src/config.ts')).toEqual([]);
    });
  });
});
