// Every string of the console exists in Korean and in English: the same keys, no empty text, the same
// placeholders, and every key the console's code asks for is there in both.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { namespaces, resources } from '../../console/src/i18n/resources.js';

type Tree = { [k: string]: string | Tree };
const PLURAL = /_(zero|one|two|few|many|other)$/;

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
  }
  return out;
}

/** Plural forms differ by language (Korean has only `_other`): compare their base keys. */
const base = (key: string) => key.replace(PLURAL, '');
const placeholders = (text: string) => [...text.matchAll(/{{\s*(\w+)[^}]*}}/g)].map((m) => m[1]).sort();

const strings = {
  en: Object.fromEntries(namespaces.map((ns) => [ns, leaves(resources.en[ns] as Tree)])),
  ko: Object.fromEntries(namespaces.map((ns) => [ns, leaves(resources.ko[ns] as Tree)])),
} as Record<'en' | 'ko', Record<string, Map<string, string>>>;

function has(lang: 'en' | 'ko', ns: string, key: string): boolean {
  const m = strings[lang][ns];
  if (!m) return false;
  return m.has(key) || [...m.keys()].some((k) => PLURAL.test(k) && base(k) === key);
}

describe('console strings', () => {
  it('has the same keys in Korean and English, none empty, with the same placeholders', () => {
    const problems: string[] = [];
    for (const ns of namespaces) {
      const en = strings.en[ns]!;
      const ko = strings.ko[ns]!;
      const enBases = new Set([...en.keys()].map(base));
      const koBases = new Set([...ko.keys()].map(base));
      for (const k of enBases) if (!koBases.has(k)) problems.push(`${ns}:${k} is missing in Korean`);
      for (const k of koBases) if (!enBases.has(k)) problems.push(`${ns}:${k} is missing in English`);
      for (const [lang, m] of [
        ['en', en],
        ['ko', ko],
      ] as const) {
        for (const [k, v] of m) if (!v.trim()) problems.push(`${ns}:${k} is empty in ${lang}`);
      }
      for (const [k, v] of en) {
        const other = ko.get(k) ?? ko.get(`${base(k)}_other`);
        if (other === undefined) continue;
        const want = [...new Set(placeholders(v).filter((p) => p !== 'count'))];
        const got = [...new Set(placeholders(other).filter((p) => p !== 'count'))];
        if (want.join() !== got.join()) problems.push(`${ns}:${k} has placeholders {${want}} in English but {${got}} in Korean`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('has every key the console asks for, in both languages', () => {
    const root = path.resolve('console/src');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')) files.push(p);
      }
    };
    walk(root);
    const missing: string[] = [];
    let asked = 0;
    for (const file of files) {
      const src = fs.readFileSync(file, 'utf8');
      const fileNs = /useTranslation\(\s*'(\w+)'/.exec(src)?.[1] ?? 'common';
      const keys = new Set<string>();
      for (const m of src.matchAll(/\bt\(\s*'([^'$]+)'/g)) keys.add(m[1]!.includes(':') ? m[1]! : `${fileNs}:${m[1]}`);
      for (const m of src.matchAll(/'(\w+):([\w.]+)'/g)) if ((namespaces as readonly string[]).includes(m[1]!)) keys.add(`${m[1]}:${m[2]}`);
      for (const key of keys) {
        const [ns, k] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
        asked++;
        for (const lang of ['en', 'ko'] as const) {
          if (!has(lang, ns, k)) missing.push(`${path.relative(root, file)} asks for ${key}, missing in ${lang}`);
        }
      }
    }
    expect(asked).toBeGreaterThan(50);
    expect(missing).toEqual([]);
  });
});
