// Every relative link in README.md, CONTRIBUTING.md and docs/**/*.md names a file that exists, and every `#anchor`
// into a Markdown file names one of its headings (GitHub's slugs). External http(s) links are not fetched.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO = path.resolve(import.meta.dirname, '../..');

function markdownFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return markdownFiles(full);
    return e.name.endsWith('.md') ? [full] : [];
  });
}

/** The text without fenced code blocks and inline code, where brackets are not links. */
function prose(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '');
}

/** GitHub's anchor for each heading: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
export function headingSlugs(markdown: string): Set<string> {
  const slugs = new Set<string>();
  const counts = new Map<string, number>();
  const text = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
  for (const match of text.matchAll(/^#{1,6}[ \t]+(.+?)[ \t#]*$/gm)) {
    const plain = match[1]!
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/<[^>]+>/g, '')
      .replace(/[`*]/g, '');
    const base = plain
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const seen = counts.get(base) ?? 0;
    counts.set(base, seen + 1);
    slugs.add(seen === 0 ? base : `${base}-${seen}`);
  }
  return slugs;
}

/** Every relative link of one Markdown file that does not resolve, as `file: target (why)`. */
export function brokenLinks(file: string, root: string): string[] {
  const markdown = fs.readFileSync(file, 'utf8');
  const targets = [
    ...[...prose(markdown).matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]!),
    ...[...prose(markdown).matchAll(/^\s{0,3}\[[^\]]+\]:\s+<?(\S+?)>?(?:\s+"[^"]*")?\s*$/gm)].map((m) => m[1]!),
  ];
  const problems: string[] = [];
  const where = path.relative(root, file);
  for (const target of targets) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // http(s), mailto: not fetched
    const [rawPath, anchor] = target.split('#', 2) as [string, string | undefined];
    const resolved = rawPath === '' ? file : path.resolve(path.dirname(file), decodeURIComponent(rawPath));
    if (!resolved.startsWith(root) || !fs.existsSync(resolved)) {
      problems.push(`${where}: ${target} (no such file)`);
      continue;
    }
    if (anchor !== undefined && resolved.endsWith('.md') && !headingSlugs(fs.readFileSync(resolved, 'utf8')).has(anchor)) {
      problems.push(`${where}: ${target} (no heading #${anchor})`);
    }
  }
  return problems;
}

const documents = [path.join(REPO, 'README.md'), path.join(REPO, 'CONTRIBUTING.md'), ...markdownFiles(path.join(REPO, 'docs'))].filter(
  (f) => fs.existsSync(f),
);

describe('documentation links', () => {
  it('README.md, CONTRIBUTING.md and docs/ exist and link to each other', () => {
    expect(fs.existsSync(path.join(REPO, 'CONTRIBUTING.md'))).toBe(true);
    expect(fs.existsSync(path.join(REPO, 'docs/README.md'))).toBe(true);
    expect(documents.length).toBeGreaterThan(10);
  });

  it.each(documents.map((f) => [path.relative(REPO, f), f]))('every relative link in %s resolves', (_name, file) => {
    expect(brokenLinks(file, REPO)).toEqual([]);
  });

  it('finds a missing file and a missing heading, and accepts GitHub-style anchors', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'talkbase-docs-links-'));
    try {
      fs.writeFileSync(path.join(dir, 'b.md'), '# The `serve` command\n\n## Roles: api | worker\n\n## Roles: api | worker\n');
      fs.writeFileSync(
        path.join(dir, 'a.md'),
        [
          '# A',
          '[ok](b.md#the-serve-command) [ok](b.md#roles-api--worker-1) [ok](#a) [web](https://example.invalid/x)',
          '[gone](missing.md) [bad anchor](b.md#nowhere)',
          '`[not a link](missing-too.md)`',
          '```',
          '[in code](missing-three.md)',
          '```',
        ].join('\n'),
      );
      expect(brokenLinks(path.join(dir, 'a.md'), dir)).toEqual([
        'a.md: missing.md (no such file)',
        'a.md: b.md#nowhere (no heading #nowhere)',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
