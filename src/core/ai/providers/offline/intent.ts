import { words } from './text.js';

/** Contact-center intents recognized by keyword; `general_inquiry` when nothing matches. */
const INTENTS: Record<string, string[]> = {
  billing_inquiry: [
    'bill',
    'billing',
    'charge',
    'charged',
    'charges',
    'invoice',
    'fee',
    'fees',
    'overcharged',
    'statement',
    'cost',
    'price',
  ],
  payment: ['pay', 'payment', 'card', 'autopay', 'installment', 'overdue', 'late', 'debit', 'transfer'],
  plan_change: ['plan', 'upgrade', 'downgrade', 'change', 'switch', 'unlimited', 'data', 'allowance', 'rate', 'tariff'],
  cancellation: ['cancel', 'cancellation', 'terminate', 'termination', 'leave', 'quit', 'contract', 'penalty', 'close'],
  technical_support: [
    'signal',
    'network',
    'internet',
    'slow',
    'connection',
    'outage',
    'coverage',
    'wifi',
    'error',
    'broken',
    'working',
    'reset',
    'disconnect',
    'dropped',
  ],
  device: ['phone', 'device', 'handset', 'sim', 'esim', 'screen', 'battery', 'repair', 'lost', 'stolen'],
  roaming: ['roaming', 'abroad', 'travel', 'international', 'overseas', 'country', 'trip'],
  complaint: ['complaint', 'complain', 'unacceptable', 'terrible', 'angry', 'manager', 'supervisor', 'worst', 'refund'],
  membership_benefits: ['membership', 'benefit', 'benefits', 'points', 'discount', 'coupon', 'reward', 'vip', 'grade'],
};

export const INTENT_NAMES = [...Object.keys(INTENTS), 'general_inquiry'];

export interface IntentResult {
  intent: string;
  confidence: number;
  keywords: string[];
  alternatives: { intent: string; score: number }[];
}

export function classifyIntent(text: string): IntentResult {
  const ws = words(text);
  const scores = Object.entries(INTENTS).map(([intent, keys]) => {
    const hits = ws.filter((w) => keys.includes(w));
    return { intent, score: hits.length, hits };
  });
  scores.sort((a, b) => b.score - a.score || INTENT_NAMES.indexOf(a.intent) - INTENT_NAMES.indexOf(b.intent));
  const best = scores[0]!;
  const total = scores.reduce((s, x) => s + x.score, 0);
  if (best.score === 0) return { intent: 'general_inquiry', confidence: 0.3, keywords: [], alternatives: [] };
  return {
    intent: best.intent,
    confidence: Math.round(Math.min(0.95, 0.4 + (best.score / total) * 0.5 + Math.min(best.score, 3) * 0.05) * 100) / 100,
    keywords: [...new Set(best.hits)],
    alternatives: scores
      .slice(1)
      .filter((s) => s.score > 0)
      .slice(0, 3)
      .map((s) => ({ intent: s.intent, score: Math.round((s.score / total) * 100) / 100 })),
  };
}
