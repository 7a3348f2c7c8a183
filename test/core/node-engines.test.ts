// The Node versions Talkbase claims (package.json engines) against what every locked dependency declares and what the
// suite runs on. The Node paragraph of docs/getting-started.md names the dependencies that declare a newer Node than the 20 line.
import fs from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const REPO = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(REPO, file), 'utf8'));
const pkg = read('package.json') as { engines: { node: string } };
const lock = read('package-lock.json') as { packages: Record<string, { version?: string; engines?: { node?: string } | string[] }> };
const claimed = pkg.engines.node;

/** Every locked package with a declared Node range. */
const declared = Object.entries(lock.packages).flatMap(([where, p]) => {
  const node = !Array.isArray(p.engines) ? p.engines?.node : undefined;
  return where && node && semver.validRange(node) ? [{ name: where.replace(/^.*node_modules\//, ''), version: p.version, node }] : [];
});

describe('Node versions', () => {
  it('the Node running the suite is one that package.json claims, and the lock says the same', () => {
    expect(semver.satisfies(process.versions.node, claimed)).toBe(true);
    expect((lock.packages['']!.engines as { node: string }).node).toBe(claimed);
  });

  it('on Node 22.13 and newer every dependency’s declared range holds: npm install warns about none', () => {
    const modern = '^22.13.0 || >=24';
    expect(semver.subset(modern, claimed)).toBe(true);
    expect(declared.filter((d) => !semver.subset(modern, d.node))).toEqual([]);
  });

  it('on the Node 20 line, the only dependencies declaring a newer Node are the ones docs/getting-started.md names', () => {
    const newer = [...new Set(declared.filter((d) => !semver.subset(claimed, d.node)).map((d) => d.name))].sort();
    expect(newer).toEqual(['content-disposition', 'cookie', 'i18next', 'pg-boss', 'react-i18next']);
    const readme = fs.readFileSync(path.join(REPO, 'docs/getting-started.md'), 'utf8');
    const paragraph = readme.slice(readme.indexOf('**Node.js.**'), readme.indexOf('\n\n', readme.indexOf('**Node.js.**')));
    for (const name of newer) expect(paragraph).toContain(name);
    expect(paragraph).toContain(`\`${claimed}\``);
    expect(paragraph).toMatch(/tested on Node\.js 20/);
  });
});
