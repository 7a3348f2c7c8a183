// Compiles src/**/*.ts into dist/ (one JavaScript file per source file, same folders), so `npm start` runs plain
// JavaScript instead of transpiling TypeScript on every start. Run by `npm install` and by scripts/start.mjs when a
// source is newer than the last build. dist/ mirrors src/ one level deep, so paths computed from import.meta.url
// (the repository root, migrations/, package.json) are the same from either.
// Beside it, dist/server.js: the server and most of its packages in one file, which is what `npm start` loads, because
// reading a thousand small modules through the ES module loader was most of the time to ready.
//   node scripts/build.mjs           build only when stale
//   node scripts/build.mjs --force   always build
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = path.join(root, 'src');
export const distDir = path.join(root, 'dist');
const stampFile = path.join(distDir, '.build.json');

/** The TypeScript sources, their count and the newest modification time (what a build is stamped with). */
function sources() {
  const files = [];
  let newest = 0;
  const visit = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(p);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
        files.push(p);
        newest = Math.max(newest, fs.statSync(p).mtimeMs);
      }
    }
  };
  visit(srcDir);
  return { files, newest };
}

/** True when dist/ is missing or older than a source, or a source was added or removed since it was built. */
export function buildIsStale() {
  let stamp;
  try {
    stamp = JSON.parse(fs.readFileSync(stampFile, 'utf8'));
  } catch {
    return true;
  }
  const { files, newest } = sources();
  return stamp.count !== files.length || stamp.newest < newest;
}

/** The one-file server. */
export const bundleFile = path.join(distDir, 'server.js');

// Packages left to node_modules: native addons, WebAssembly and data files found next to their own code, packages that
// read files beside themselves (__dirname) or start worker threads, and clients loaded only when configured.
const EXTERNAL = [
  '@electric-sql/*',
  'espeak-ng',
  'bcrypt',
  'pg-native',
  'pino',
  'thread-stream',
  '@fastify/static',
  '@fastify/swagger',
  '@fastify/swagger-ui',
  '@zxcvbn-ts/*',
  'openai',
  'nodemailer',
  'ioredis',
  '@aws-sdk/*',
  'tsx',
  'tsx/*',
  'esbuild',
];

/**
 * Bundles src/main.ts into server.js. Each source's `import.meta.url` is rewritten to the address of its own compiled
 * file in dist/, so paths computed from it (the repository root, migrations/, worker scripts) stay what they are in
 * the one-file-per-source build.
 */
async function bundleServer(esbuild, outDir) {
  const ownUrl = {
    name: 'own-import-meta-url',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, async (args) => {
        if (!args.path.startsWith(srcDir + path.sep)) return undefined;
        const compiled = path.relative(srcDir, args.path).replace(/\.ts$/, '.js').split(path.sep).join('/');
        const source = await fs.promises.readFile(args.path, 'utf8');
        return { contents: source.replaceAll('import.meta.url', `new URL('./${compiled}', import.meta.url).href`), loader: 'ts' };
      });
    },
  };
  const result = await esbuild({
    entryPoints: { [path.basename(bundleFile, '.js')]: path.join(srcDir, 'main.ts') },
    outdir: outDir,
    // What is imported with import() (the S3 client, the embedded database, the app behind `serve` …) goes into chunks
    // of its own, loaded when that import() runs: without splitting, the packages such a module imports would be
    // hoisted to the top of server.js and loaded on every start (the AWS SDK without a bucket, PGlite on PostgreSQL).
    // The chunks sit beside server.js, so the rewritten import.meta.url addresses stay right.
    splitting: true,
    chunkNames: 'server-[hash]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: EXTERNAL,
    plugins: [ownUrl],
    // The CommonJS packages inside call require() for Node's own modules.
    banner: {
      js: "import { createRequire as __talkbaseCreateRequire } from 'node:module'; const require = __talkbaseCreateRequire(import.meta.url);",
    },
    metafile: true,
    logLevel: 'warning',
  });
  for (const file of Object.keys(result.metafile.outputs)) asciiOnly(path.resolve(file));
}

/**
 * Escapes what esbuild leaves non-ASCII (comments and regular expression literals): V8 keeps each loaded module's
 * source in memory, and one non-ASCII character makes it a two-byte string, twice the size (about 6 MB for server.js).
 * `\uXXXX` means the same character in a comment, a regular expression, a string or an identifier.
 */
function asciiOnly(file) {
  const text = fs.readFileSync(file, 'utf8');
  if (!/[\u0080-\uffff]/.test(text)) return;
  if (/\\[\u0080-\uffff]/.test(text)) throw new Error(`${file}: a backslash before a non-ASCII character cannot be escaped safely`);
  fs.writeFileSync(
    file,
    text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
  );
}

/** Builds into a fresh folder and swaps it in, so a concurrent start sees either the old build or the new one. */
export async function build() {
  const { build: esbuild, stop } = await import('esbuild');
  const { files, newest } = sources();
  const tmp = `${distDir}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  try {
    const perFile = await esbuild({
      entryPoints: files,
      outdir: tmp,
      outbase: srcDir,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      metafile: true,
      logLevel: 'warning',
    });
    for (const file of Object.keys(perFile.metafile.outputs)) asciiOnly(path.resolve(file));
    await bundleServer(esbuild, tmp);
    fs.writeFileSync(path.join(tmp, '.build.json'), JSON.stringify({ count: files.length, newest }) + '\n');
    const old = `${distDir}.old-${process.pid}`;
    if (fs.existsSync(distDir)) fs.renameSync(distDir, old);
    fs.renameSync(tmp, distDir);
    fs.rmSync(old, { recursive: true, force: true });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
    // esbuild's service process would otherwise live on beside the server it compiled for, waking it to ping.
    await stop?.();
  }
  return files.length;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    if (process.argv.includes('--force') || buildIsStale()) {
      const count = await build();
      console.log(`talkbase: compiled ${count} source files into dist/`);
    }
  } catch (err) {
    // Not fatal: `npm start` then runs the TypeScript sources through tsx.
    console.warn(`talkbase: could not compile into dist/ (${err instanceof Error ? err.message : String(err)}); npm start will use tsx`);
  }
}
