import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import { assistProduct } from '../../src/products/assist/index.js';
import { intentTask } from '../../src/products/assist/ai-tasks.js';
import { classifyIntent, INTENT_NAMES } from '../../src/products/assist/intent.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

interface LabelledSet {
  lines: { text: string; intent: string }[];
}
const load = (name: string) => JSON.parse(fs.readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')) as LabelledSet;
const accuracy = (set: LabelledSet) => set.lines.filter((l) => classifyIntent(l.text).intent === l.intent).length / set.lines.length;

describe('the offline intent recognizer', () => {
  const korean = load('intent-ko.json');
  const english = load('intent-en.json');

  it('intent by keywords', () => {
    expect(classifyIntent('I was overcharged on my bill this month').intent).toBe('billing_inquiry');
    expect(classifyIntent('I want to cancel my contract, what is the penalty?').intent).toBe('cancellation');
    expect(classifyIntent('Will my phone work abroad when I travel to Japan?').intent).toBe('roaming');
    expect(classifyIntent('hello there').intent).toBe('general_inquiry');
  });

  it('the labelled sets: at least 60 Korean lines over every intent, including lines with none', () => {
    expect(korean.lines.length).toBeGreaterThanOrEqual(60);
    for (const set of [korean, english]) for (const l of set.lines) expect(INTENT_NAMES).toContain(l.intent);
    for (const intent of INTENT_NAMES) expect(korean.lines.filter((l) => l.intent === intent).length).toBeGreaterThanOrEqual(5);
    expect(new Set(korean.lines.map((l) => l.text)).size).toBe(korean.lines.length);
  });

  it('intent accuracy is at least 0.8 on the Korean contact-center lines and on the English ones', () => {
    expect(accuracy(korean)).toBeGreaterThanOrEqual(0.8);
    expect(accuracy(english)).toBeGreaterThanOrEqual(0.8);
  });

  it('intent: particles and endings do not hide the stem', () => {
    for (const text of ['요금제를 바꾸고 싶어요', '요금제가 바뀌었으면 해요', '다른 요금제로 변경하려고요', '요금제 변경해 주세요'])
      expect(classifyIntent(text).intent, text).toBe('plan_change');
    // 요금 (the charge) and 요금제 (the plan) are told apart.
    expect(classifyIntent('이번 달 요금이 너무 많이 나왔어요').intent).toBe('billing_inquiry');
    expect(classifyIntent('로밍 요금이 얼마인가요?').intent).toBe('roaming');
    const r = classifyIntent('약정 중에 해지하면 위약금이 얼마인가요?');
    expect(r.intent).toBe('cancellation');
    expect(r.confidence).toBeGreaterThan(0.5);
    expect(r.keywords).toEqual(expect.arrayContaining(['해지', '위약금']));
    expect(classifyIntent('안녕하세요').intent).toBe('general_inquiry');
    // Deterministic.
    expect(classifyIntent('데이터가 갑자기 안 돼요')).toEqual(classifyIntent('데이터가 갑자기 안 돼요'));
  });
});

describe('the intent task through the offline chat', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ deps: { products: [assistProduct] } });
  });
  afterAll(async () => t?.close());

  it('answers schema-valid JSON with the recognized intent, in the caller’s own names when it gives a list', async () => {
    const ajv = new Ajv({ strict: false });
    const plan = await t.app.core.ai.chat(intentTask.request({ text: 'I want to upgrade to the unlimited data plan' })).result;
    expect(ajv.validate(intentTask.schema, plan.json), JSON.stringify(plan.json)).toBe(true);
    expect(plan.json).toMatchObject({ intent: 'plan_change' });
    expect(plan.provider).toBe('offline');
    const intents = ['plan_change', 'device_support', 'other'];
    const device = await t.app.core.ai.chat(intentTask.request({ text: 'The screen on my handset is broken', intents })).result;
    expect(device.json).toMatchObject({ intent: 'device_support' });
    const unlisted = await t.app.core.ai.chat(intentTask.request({ text: 'How much is roaming in Europe?', intents })).result;
    expect(unlisted.json).toEqual({ intent: 'other', confidence: 0.3, keywords: [] });
  });

  it('without the assist product the task is unknown: a schema-shaped answer, not an intent', async () => {
    const other = await createTestApp({ deps: { products: [] } });
    try {
      const r = await other.app.core.ai.chat(intentTask.request({ text: 'I want to upgrade to the unlimited data plan' })).result;
      expect(new Ajv({ strict: false }).validate(intentTask.schema, r.json)).toBe(true);
      expect(r.json).not.toMatchObject({ intent: 'plan_change' });
    } finally {
      await other.close();
    }
  });
});
