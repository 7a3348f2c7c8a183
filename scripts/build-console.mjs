// Builds the web console (console/ → console/dist) when its sources are newer than the last build.
// Plain JavaScript run by node, so the check costs a few milliseconds on a warm `npm start`.
//   node scripts/build-console.mjs          build only when stale
//   node scripts/build-console.mjs --force  always build
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const consoleDir = path.join(root, 'console');
const distIndex = path.join(consoleDir, 'dist', 'index.html');
const lockDir = path.join(consoleDir, '.build-lock');

/** The newest modification time among the console's sources (src/**, index.html, configs) and the client package it uses. */
function newestSource() {
  let newest = 0;
  const visit = (p) => {
    const stat = fs.statSync(p, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(p)) visit(path.join(p, name));
    } else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const name of ['src', 'index.html', 'vite.config.ts', 'tsconfig.json']) visit(path.join(consoleDir, name));
  visit(path.join(root, 'packages', 'client', 'src'));
  return newest;
}

export function consoleIsStale() {
  const built = fs.statSync(distIndex, { throwIfNoEntry: false });
  return !built || built.mtimeMs < newestSource();
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** One build at a time across processes (test files build in parallel): a lock directory, stale after 5 minutes. */
async function withLock(work) {
  const until = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      const stat = fs.statSync(lockDir, { throwIfNoEntry: false });
      if (stat && Date.now() - stat.mtimeMs > 5 * 60_000) fs.rmSync(lockDir, { recursive: true, force: true });
      if (Date.now() > until) throw new Error('timed out waiting for another console build', { cause: err });
      await sleep(250);
    }
  }
  try {
    return await work();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

/** Builds console/dist if it is missing or older than the sources (or always, with force). Answers whether it built. */
export async function buildConsole({ force = false, quiet = false } = {}) {
  if (!force && !consoleIsStale()) return false;
  return withLock(async () => {
    if (!force && !consoleIsStale()) return false; // another process built it while we waited
    const started = Date.now();
    if (!quiet) console.log('building the web console (console/ → console/dist) …');
    const { build } = await import('vite');
    await build({ configFile: path.join(consoleDir, 'vite.config.ts'), logLevel: quiet ? 'error' : 'warn' });
    if (!quiet) console.log(`web console built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return true;
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const force = process.argv.includes('--force');
  buildConsole({ force }).catch((err) => {
    console.error(`the web console could not be built: ${err.message}`);
    // An explicit build fails loudly; the check before `npm start` lets the API start anyway.
    if (force) process.exit(1);
  });
}
