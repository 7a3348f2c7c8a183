// What `npm start` runs: the web console, rebuilt when its sources changed, then the server from dist/ (compiled by
// `npm install`), recompiled first when a source in src/ changed since (about a second), or, if compiling is not
// possible, straight from the TypeScript sources through tsx.
// Arguments are passed on: `node scripts/start.mjs migrate` runs that command. Set TALKBASE_USE_TSX=1 to skip dist/.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import fs from 'node:fs';
import { build, buildIsStale, bundleFile, distDir } from './build.mjs';
import { spawnSync } from 'node:child_process';
import { consoleIsStale } from './build-console.mjs';

const root = path.dirname(distDir);
const args = process.argv.slice(2);

async function useDist() {
  if (process.env.TALKBASE_USE_TSX === '1') return false;
  try {
    if (buildIsStale()) await build();
    return true;
  } catch (err) {
    console.warn(
      `talkbase: could not compile into dist/ (${err instanceof Error ? err.message : String(err)}); running the sources through tsx`,
    );
    return false;
  }
}

// The console is rebuilt first when its sources changed, in a child process so the bundler does not stay in the
// server's memory; checking costs a few file dates, where a second node process every time cost a tenth of the start.
// A console that cannot be built leaves the API to start anyway (build-console.mjs says why).
if ((args[0] ?? 'serve') === 'serve' && consoleIsStale())
  spawnSync(process.execPath, [path.join(path.dirname(distDir), 'scripts', 'build-console.mjs')], { stdio: 'inherit' });

// The entry point runs main() when it is the script node was started with (dist/main.js, also inside the one-file
// server), so it is made to look that way.
if (await useDist()) {
  const entry = path.join(distDir, 'main.js');
  const command = args.length ? args : ['serve'];
  process.argv = [process.argv[0], entry, ...command];
  // The one-file server for `serve`; other commands load only the modules they use.
  await import(pathToFileURL(command[0] === 'serve' && fs.existsSync(bundleFile) ? bundleFile : entry).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  const entry = path.join(root, 'src', 'main.ts');
  process.argv = [process.argv[0], entry, ...(args.length ? args : ['serve'])];
  await import(pathToFileURL(entry).href);
}
