import { afterAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, ConfigError } from '../../src/config.js';
import { enabledProducts } from '../../src/app.js';
import { readProductSettings } from '../../src/core/product-settings.js';
import { chatSettings } from '../../src/products/chat/environment.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function tempDir() {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'talkbase-start-'));
  dirs.push(d);
  return d;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function cleanEnv(extra: Record<string, string>) {
  const env: Record<string, string> = {};
  for (const k of ['PATH', 'HOME', 'TMPDIR', 'LANG']) if (process.env[k]) env[k] = process.env[k]!;
  return { ...env, ...extra };
}

describe('configuration', () => {
  it('names the variable of a bad value', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/^PORT: /);
    expect(() => enabledProducts(loadConfig({ TALKBASE_PRODUCTS: 'calls,karaoke' }))).toThrow(
      /TALKBASE_PRODUCTS: unknown product "karaoke"/,
    );
    expect(enabledProducts(loadConfig({ TALKBASE_PRODUCTS: 'chat, tutor' })).map((p) => p.name)).toEqual(['chat', 'tutor']);
    expect(() => readProductSettings(chatSettings, loadConfig({ CHAT_CONTEXT_TOKENS: 'lots' }).productEnvironment)).toThrow(
      /^CHAT_CONTEXT_TOKENS: .* \(got "lots"\)$/,
    );
    expect(() => loadConfig({ DATABASE_URL: 'mysql://secret@x' })).toThrow(/DATABASE_URL: .*\(got \(hidden\)\)/);
  });

  it('refuses to start against PostgreSQL without TALKBASE_KEYS, without printing the URL', () => {
    const res = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], {
      env: cleanEnv({ DATABASE_URL: 'postgres://postgres:s3cret@127.0.0.1:1/never_touched', TALKBASE_DATA_DIR: tempDir(), PORT: '0' }),
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('TALKBASE_KEYS is required');
    expect(res.stderr + res.stdout).not.toContain('s3cret');
  });
});

describe('npm start on an empty data directory', () => {
  // How fast it gets ready is measured by bench/startup.ts, side by side, not asserted here on a shared machine.
  it('answers /ready, creates keys.json with mode 0600, and stops cleanly on SIGTERM', async () => {
    const dataDir = tempDir();
    const port = await freePort();
    const started = Date.now();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], {
      env: cleanEnv({ TALKBASE_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.on('data', (d: Buffer) => (log += d.toString()));
    child.stderr.on('data', (d: Buffer) => (log += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let readyAfter = -1;
    while (Date.now() - started < 60_000) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/ready`);
        if (res.status === 200) {
          readyAfter = Date.now() - started;
          break;
        }
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    try {
      expect(readyAfter, log).toBeGreaterThan(0);
      const keys = path.join(dataDir, 'keys.json');
      expect(fs.statSync(keys).mode & 0o777).toBe(0o600);
      expect(log).toContain('production must supply TALKBASE_KEYS');
      expect(log).not.toContain(JSON.parse(fs.readFileSync(keys, 'utf8')).token);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(log).toContain('shutting down');
  }, 90_000);
});
