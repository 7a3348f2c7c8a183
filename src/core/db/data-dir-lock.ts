import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/** Who holds an embedded database directory, as written in its lock file. */
export interface LockOwner {
  pid: number;
  hostname: string;
  /** The command line that opened the directory, e.g. `talkbase serve`. */
  command: string;
  startedAt: string;
  /** Set by a listening server: where a command that must run beside it asks it to do the work (see main.ts purge). */
  control?: { url: string; key: string };
  /** Tells this lock from a later one of the same process. */
  nonce: string;
}

export interface DataDirLock {
  readonly file: string;
  readonly owner: LockOwner;
  /** Adds to what the lock file says (the server's control address once it listens). */
  update(extra: Partial<Pick<LockOwner, 'control'>>): void;
  release(): void;
}

/** A second process asked for a directory another one has open. The message names both and says what to do. */
export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';
  constructor(
    readonly dir: string,
    readonly file: string,
    readonly owner: LockOwner,
  ) {
    const where = owner.hostname === os.hostname() ? '' : ` on host ${owner.hostname}`;
    const self = owner.pid === process.pid && where === '' ? ' (this process)' : '';
    super(
      `the embedded database ${dir} is in use by process ${owner.pid}${self}${where} (${owner.command}, since ${owner.startedAt}). ` +
        `Two processes on one embedded database corrupt it, so this one stops. Stop that process first, or let it do the work ` +
        `(\`talkbase purge\` asks a running server by itself); to run several processes at once, use a PostgreSQL server (DATABASE_URL). ` +
        `If no such process runs any more, delete ${file}.`,
    );
  }
}

/** How often the holder touches the file, and how old a touch must be before a holder on another host counts as gone. */
const HEARTBEAT_MS = 10_000;
const FOREIGN_STALE_MS = 60_000;

const held = new Set<string>();

export function lockFilePath(dir: string): string {
  const resolved = path.resolve(dir);
  return path.join(path.dirname(resolved), `${path.basename(resolved)}.lock`);
}

/** `talkbase serve` for the command line, else the script and its arguments. */
function describeProcess(): string {
  const script = path.basename(process.argv[1] ?? 'node');
  const args = process.argv.slice(2).join(' ');
  return /^(main\.[jt]s|start\.mjs|talkbase)$/.test(script) ? `talkbase ${args || 'serve'}` : `${script} ${args}`.trim();
}

function readOwner(file: string): LockOwner | null {
  try {
    const owner = JSON.parse(fs.readFileSync(file, 'utf8')) as LockOwner;
    return typeof owner.pid === 'number' && typeof owner.hostname === 'string' ? owner : null;
  } catch {
    return null;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A lock left by a process that is gone: dead pid here; this pid from an earlier life (a restarted container); or no heartbeat from another host. */
function isStale(file: string, owner: LockOwner | null): boolean {
  let age: number;
  try {
    age = Date.now() - fs.statSync(file).mtimeMs;
  } catch {
    return true;
  }
  // Being written right now by its creator.
  if (!owner) return age > 5_000;
  if (owner.hostname !== os.hostname()) return age > FOREIGN_STALE_MS;
  if (owner.pid === process.pid) return !held.has(file);
  return !processAlive(owner.pid);
}

/**
 * Takes the directory for this process, or throws DataDirLockedError naming the process that has it. A stale lock is
 * taken over: renamed aside first (atomic, so of two processes taking over at once only one wins) and checked again.
 */
export function lockDataDir(dir: string, command = describeProcess()): DataDirLock {
  const file = lockFilePath(dir);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const owner: LockOwner = {
    pid: process.pid,
    hostname: os.hostname(),
    command,
    startedAt: new Date().toISOString(),
    nonce: randomBytes(8).toString('hex'),
  };
  for (let attempt = 0; ; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(owner, null, 2) + '\n', { flag: 'wx', mode: 0o600 });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 3) throw err;
    }
    const current = readOwner(file);
    if (!isStale(file, current)) throw new DataDirLockedError(path.resolve(dir), file, current!);
    const aside = `${file}.stale-${process.pid}-${owner.nonce}`;
    try {
      fs.renameSync(file, aside);
    } catch {
      continue;
    }
    const moved = readOwner(aside);
    if (moved && current && moved.nonce !== current.nonce) {
      // Someone else took it over between our read and the rename: give theirs back.
      fs.linkSync(aside, file);
      fs.unlinkSync(aside);
      throw new DataDirLockedError(path.resolve(dir), file, moved);
    }
    fs.unlinkSync(aside);
  }
  held.add(file);
  const heartbeat = setInterval(() => {
    const now = new Date();
    fs.utimes(file, now, now, () => undefined);
  }, HEARTBEAT_MS);
  heartbeat.unref();
  const releaseOnExit = () => release();
  process.once('exit', releaseOnExit);
  let released = false;
  function release() {
    if (released) return;
    released = true;
    clearInterval(heartbeat);
    process.removeListener('exit', releaseOnExit);
    held.delete(file);
    if (readOwner(file)?.nonce === owner.nonce) fs.rmSync(file, { force: true });
  }
  return {
    file,
    owner,
    update(extra) {
      Object.assign(owner, extra);
      if (released) return;
      const temp = `${file}.${owner.nonce}.tmp`;
      fs.writeFileSync(temp, JSON.stringify(owner, null, 2) + '\n', { mode: 0o600 });
      fs.renameSync(temp, file);
    },
    release,
  };
}
