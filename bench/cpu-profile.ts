// Summarizes a V8 CPU profile (`node --cpu-prof`) by where the self time went: Talkbase's own code (src/ or
// dist/), each npm package, PGlite's WebAssembly, Node's internals, garbage collection, and "(program)" (native
// code outside JavaScript: the kernel's socket and file calls, libuv, V8 compiling) and idle time.
// Optionally only the samples between two moments of the monotonic clock (process.hrtime), so a profile of a
// whole server run can be narrowed to the load it was measured under.
//
//   npx tsx bench/cpu-profile.ts <file.cpuprofile>
import fs from 'node:fs';
import path from 'node:path';
import { round } from './support.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  /** Milliseconds of samples counted (within the window, if one was given). */
  sampledMs: number;
  /** Percent of the sampled time by where it was spent, largest first; "idle" is time the process waited. */
  shares: Record<string, number>;
  /** Percent of the busy (non-idle) time in Talkbase's own code. */
  talkbaseShareOfBusy: number;
  /** The functions with the most self time: percent of the sampled time, where. */
  topFunctions: Array<{ share: number; name: string; where: string }>;
  /** The same for Talkbase's own functions only. */
  topTalkbaseFunctions: Array<{ share: number; name: string; where: string }>;
}

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/** Where a frame's self time is counted. */
export function categoryOf(frame: ProfileNode['callFrame']): string {
  const { functionName, url } = frame;
  if (!url) {
    if (functionName === '(idle)') return 'idle';
    if (functionName === '(garbage collector)') return 'garbage collection';
    if (functionName === '(program)') return 'native (program: kernel calls, libuv, V8)';
    if (functionName === '(root)') return 'idle';
    return 'native (program: kernel calls, libuv, V8)';
  }
  if (url.startsWith('wasm://')) return 'PGlite WebAssembly';
  if (url.startsWith('node:')) return 'Node.js internals';
  const file = url.startsWith('file://') ? decodeURIComponent(new URL(url).pathname) : url;
  const modules = file.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const rest = file.slice(modules + '/node_modules/'.length).split('/');
    const name = rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
    return name === '@electric-sql/pglite' ? 'PGlite JavaScript' : `npm: ${name}`;
  }
  const relative = path.relative(root, file);
  if (relative.startsWith('src/') || relative.startsWith('dist/')) return 'Talkbase (src/)';
  if (relative.startsWith('scripts/')) return 'Talkbase (src/)';
  return 'other';
}

/** `fromUs`/`toUs`: the window in microseconds of the monotonic clock (`process.hrtime.bigint() / 1000n`). */
export function summarizeProfile(profile: CpuProfile, window?: { fromUs: number; toUs: number }): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const byCategory = new Map<string, number>();
  const byFunction = new Map<string, { us: number; name: string; where: string; category: string }>();
  let at = profile.startTime;
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i] ?? 0;
    const delta = profile.timeDeltas[i + 1] ?? 0;
    if (window && (at < window.fromUs || at > window.toUs)) continue;
    const node = byId.get(profile.samples[i]!);
    if (!node || delta <= 0) continue;
    const category = categoryOf(node.callFrame);
    byCategory.set(category, (byCategory.get(category) ?? 0) + delta);
    total += delta;
    if (category === 'idle') continue;
    const where = node.callFrame.url ? `${shortUrl(node.callFrame.url)}:${node.callFrame.lineNumber + 1}` : category;
    const key = `${node.callFrame.functionName}@${where}`;
    const entry = byFunction.get(key) ?? { us: 0, name: node.callFrame.functionName || '(anonymous)', where, category };
    entry.us += delta;
    byFunction.set(key, entry);
  }
  const pct = (us: number) => (total ? round((100 * us) / total, 1) : 0);
  const shares = Object.fromEntries([...byCategory].sort((a, b) => b[1] - a[1]).map(([k, us]) => [k, pct(us)]));
  const busy = total - (byCategory.get('idle') ?? 0);
  return {
    sampledMs: round(total / 1000, 0),
    shares,
    talkbaseShareOfBusy: busy ? round((100 * (byCategory.get('Talkbase (src/)') ?? 0)) / busy, 1) : 0,
    topFunctions: [...byFunction.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, 15)
      .map((f) => ({ share: pct(f.us), name: f.name, where: f.where })),
    topTalkbaseFunctions: [...byFunction.values()]
      .filter((f) => f.category === 'Talkbase (src/)')
      .sort((a, b) => b.us - a.us)
      .slice(0, 10)
      .map((f) => ({ share: pct(f.us), name: f.name, where: f.where })),
  };
}

function shortUrl(url: string): string {
  if (!url.startsWith('file://')) return url;
  const file = decodeURIComponent(new URL(url).pathname);
  const modules = file.lastIndexOf('/node_modules/');
  return modules >= 0 ? file.slice(modules + 1) : path.relative(root, file);
}

/** The newest profile written into `dir`. */
export function readNewestProfile(dir: string): CpuProfile {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => path.join(dir, f))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  if (!files.length) throw new Error(`no .cpuprofile in ${dir}`);
  return JSON.parse(fs.readFileSync(files[0]!, 'utf8')) as CpuProfile;
}

/** One line for a report: the shares above 1 %. */
export function profileLine(summary: ProfileSummary): string {
  return Object.entries(summary.shares)
    .filter(([, share]) => share >= 1)
    .map(([k, share]) => `${k} ${share} %`)
    .join(', ');
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: tsx bench/cpu-profile.ts <file.cpuprofile>');
    process.exit(2);
  }
  console.log(JSON.stringify(summarizeProfile(JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile), null, 2));
}
