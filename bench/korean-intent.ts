// Offline intent accuracy on Korean contact-center lines, beside the same figure on English lines (issue 20: ≥ 0.8).
// The labelled sets are the test's (test/fixtures/intent-ko.json and intent-en.json); each line's recognized intent is
// compared with its label. Deterministic and quick: no database, no server.
//
//   npx tsx bench/korean-intent.ts
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { classifyIntent } from '../src/products/assist/intent.js';
import { machineInfo, round, writeReport } from './support.js';

const loadAtStart = os.loadavg()[0]!;
const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures');

function measure(file: string) {
  const set = JSON.parse(fs.readFileSync(path.join(fixtures, file), 'utf8')) as { lines: { text: string; intent: string }[] };
  const misses = set.lines
    .map((l) => ({ ...l, recognized: classifyIntent(l.text).intent }))
    .filter((l) => l.recognized !== l.intent)
    .map((l) => ({ text: l.text, expected: l.intent, recognized: l.recognized }));
  const perIntent: Record<string, { lines: number; correct: number }> = {};
  for (const l of set.lines) {
    const e = (perIntent[l.intent] ??= { lines: 0, correct: 0 });
    e.lines++;
    if (!misses.some((m) => m.text === l.text)) e.correct++;
  }
  return {
    file: `test/fixtures/${file}`,
    lines: set.lines.length,
    accuracy: round(1 - misses.length / set.lines.length, 3),
    perIntent,
    misses,
  };
}

const korean = measure('intent-ko.json');
const english = measure('intent-en.json');
const target = 0.8;
const result = {
  benchmark: 'korean-intent',
  date: new Date().toISOString(),
  engine: 'offline intent (src/products/assist/intent.ts)',
  target,
  ok: korean.accuracy >= target && english.accuracy >= target,
  korean,
  english,
  machine: machineInfo(loadAtStart),
};
const md = [
  '# Offline intent accuracy: Korean vs English',
  '',
  `Measured on ${result.date}. Target: accuracy ≥ ${target} on each set.`,
  '',
  '| set | lines | accuracy |',
  '|---|---|---|',
  `| Korean (${korean.file}) | ${korean.lines} | ${korean.accuracy} |`,
  `| English (${english.file}) | ${english.lines} | ${english.accuracy} |`,
  '',
  '## Misses',
  '',
  ...[...korean.misses, ...english.misses].map((m) => `- "${m.text}": expected ${m.expected}, recognized ${m.recognized}`),
  '',
].join('\n');
writeReport('korean-intent', result, md);
console.log(md);
process.exit(result.ok ? 0 : 1);
