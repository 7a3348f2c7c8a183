#!/usr/bin/env node
// Runs the compiled server in dist/ when it is up to date with src/ (what `npm install` builds), otherwise the
// TypeScript entry point through tsx, so `npx talkbase` works without a build step.
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const compiled = path.join(root, 'dist', 'main.js');

const bundle = path.join(root, 'dist', 'server.js');

async function distIsCurrent() {
  if (!fs.existsSync(compiled)) return false;
  try {
    const { buildIsStale } = await import(pathToFileURL(path.join(root, 'scripts', 'build.mjs')).href);
    return !buildIsStale();
  } catch {
    return false;
  }
}

if (await distIsCurrent()) {
  // dist/main.js runs its command when it is the script node was started with, so it is made to look that way.
  process.argv = [process.argv[0], compiled, ...args];
  // The one-file server for `serve`; other commands (--help, migrate, keys …) load only the modules they use.
  await import(pathToFileURL(args[0] === 'serve' && fs.existsSync(bundle) ? bundle : compiled).href);
} else {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'src/main.ts'), ...args], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
