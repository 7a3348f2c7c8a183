// A throwaway PostgreSQL cluster of the test's own (initdb into a temporary directory, its own port and socket
// directory), so a test may stop it hard without touching any server other tests use.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, tempDir } from './server.js';

/** The directory holding initdb and pg_ctl: TALKBASE_PG_BINDIR, else the newest Debian-packaged PostgreSQL 15 or later. */
export function postgresBinDir(): string | null {
  const configured = process.env.TALKBASE_PG_BINDIR;
  if (configured) return fs.existsSync(path.join(configured, 'pg_ctl')) ? configured : null;
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return null;
  const versions = fs
    .readdirSync(root)
    .map(Number)
    .filter((v) => v >= 15)
    .sort((a, b) => b - a);
  for (const v of versions) {
    const dir = path.join(root, String(v), 'bin');
    if (fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl'))) return dir;
  }
  return null;
}

export interface PrivatePostgres {
  url: string;
  /** `pg_ctl stop -m immediate`: the postmaster and every backend die at once, as in a crash. */
  crash(): void;
  start(): void;
  remove(): void;
}

export function createPrivatePostgres(binDir: string): PrivatePostgres & { ready: Promise<void> } {
  const dir = tempDir('talkbase-pg-');
  const data = path.join(dir, 'data');
  // PostgreSQL refuses to run as root: as root, the cluster belongs to the postgres account.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    fs.chownSync(dir, uid, gid);
  }
  const run = (tool: string, args: string[]) => {
    const command = path.join(binDir, tool);
    return asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', command, ...args], { stdio: 'pipe', cwd: os.tmpdir() })
      : execFileSync(command, args, { stdio: 'pipe' });
  };
  let port = 0;
  const start = () =>
    void run('pg_ctl', [
      '-D',
      data,
      '-l',
      path.join(dir, 'server.log'),
      '-w',
      '-t',
      '60',
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=50`,
      'start',
    ]);
  const ready = (async () => {
    port = await freePort();
    run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
    start();
  })();
  return {
    ready,
    get url() {
      return `postgres://postgres@127.0.0.1:${port}/postgres`;
    },
    crash: () => void run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']),
    start,
    remove() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // not running
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
