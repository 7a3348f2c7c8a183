// Lints an OpenAPI document with the Redocly CLI installed as a dev dependency, using the committed rules
// (redocly.yaml) and their recorded exceptions (.redocly.lint-ignore.yaml). Offline: nothing is fetched or reported.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface LintResult {
  /** Redocly's exit status: 0 when no rule reports an error. */
  status: number;
  output: string;
}

/** `inherit` prints Redocly's report as it goes; otherwise it is returned in `output`. */
export function redoclyLint(document: unknown, opts: { out?: string; stdio?: 'inherit' | 'pipe' } = {}): LintResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'talkbase-openapi-'));
  try {
    // The rules and their exceptions beside the document, so the exceptions name it as `openapi.json`.
    for (const name of ['redocly.yaml', '.redocly.lint-ignore.yaml']) fs.copyFileSync(path.join(root, name), path.join(dir, name));
    const file = path.join(dir, 'openapi.json');
    fs.writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
    if (opts.out) fs.copyFileSync(file, path.resolve(opts.out));
    const result = spawnSync(
      process.execPath,
      [path.join(root, 'node_modules/@redocly/cli/bin/cli.js'), 'lint', '--config', path.join(dir, 'redocly.yaml'), 'openapi.json'],
      {
        cwd: dir,
        stdio: opts.stdio ?? 'pipe',
        encoding: 'utf8',
        // No usage report and no update or announcement check: each would reach the network.
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', REDOCLY_SUPPRESS_NOTIFICATIONS: 'true' },
      },
    );
    if (result.error) throw result.error;
    return { status: result.status ?? 1, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
