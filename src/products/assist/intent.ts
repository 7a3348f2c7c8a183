import { koreanWords, matchStems, words } from '../../core/ai/text.js';

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

/**
 * The same intents in Korean, as stems (particles and endings fall away: 요금제를, 바꾸고 싶어요, 변경하려고요)
 * with a weight: 2 for a word that names the topic, 1 for one that only leans to it, 3 for asking for a manager.
 */
const KOREAN_INTENTS: Record<string, Record<string, number>> = {
  billing_inquiry: {
    요금: 1,
    청구: 2,
    고지서: 2,
    명세서: 2,
    과금: 2,
    부과: 2,
    금액: 1,
    내역: 1,
    나왔: 1,
    나와: 1,
    비싸: 1,
    비싼: 1,
    부가서비스: 2,
    소액결제: 2,
    이중: 1,
    두번: 1,
    환불: 1,
    정산: 2,
    이용료: 1,
    사용료: 1,
  },
  payment: {
    납부: 2,
    결제: 1,
    자동이체: 2,
    이체: 2,
    연체: 2,
    미납: 2,
    입금: 2,
    할부: 2,
    계좌: 2,
    카드: 1,
    결제일: 2,
    밀렸: 2,
    내야: 1,
    낼: 1,
    냈: 1,
    체납: 2,
    분납: 2,
    영수증: 1,
  },
  plan_change: {
    요금제: 2,
    바꾸: 2,
    바꿔: 2,
    바꿨: 2,
    바꿀: 2,
    변경: 2,
    업그레이드: 2,
    다운그레이드: 2,
    갈아타: 2,
    전환: 1,
    무제한: 1,
    데이터: 1,
    제공량: 2,
    기가: 1,
    용량: 1,
    부족: 1,
    싼: 1,
    저렴: 1,
    상위: 1,
    하위: 1,
    추천: 1,
  },
  cancellation: {
    해지: 2,
    해약: 2,
    탈퇴: 2,
    위약금: 2,
    약정: 1,
    번호이동: 2,
    통신사: 1,
    옮기: 1,
    옮길: 1,
    그만: 1,
    끊고: 1,
    정지: 1,
    해제: 1,
    취소: 1,
    할인반환금: 2,
  },
  technical_support: {
    신호: 2,
    터져: 2,
    터지: 2,
    안터: 2,
    끊겨: 2,
    끊기: 2,
    끊김: 2,
    느려: 2,
    느리: 2,
    느립: 2,
    속도: 1,
    인터넷: 2,
    와이파이: 2,
    네트워크: 2,
    통화품질: 2,
    먹통: 2,
    오류: 2,
    에러: 2,
    장애: 2,
    접속: 2,
    연결: 1,
    안돼: 2,
    안되: 2,
    안됩: 2,
    불통: 2,
    기지국: 2,
    음질: 2,
    잡음: 2,
    재부팅: 2,
    설정: 1,
  },
  device: {
    휴대폰: 2,
    핸드폰: 2,
    스마트폰: 2,
    폰: 1,
    기기: 2,
    단말: 2,
    유심: 2,
    이심: 2,
    액정: 2,
    화면: 2,
    배터리: 2,
    수리: 2,
    분실: 2,
    잃어버: 2,
    도난: 2,
    고장: 2,
    파손: 2,
    충전: 1,
    아이폰: 2,
    갤럭시: 2,
    기기변경: 1,
    케이스: 1,
    침수: 2,
  },
  roaming: {
    로밍: 2,
    해외: 2,
    외국: 2,
    출국: 2,
    여행: 1,
    출장: 1,
    국제: 1,
    현지: 1,
    일본: 1,
    미국: 1,
    중국: 1,
    유럽: 1,
    베트남: 1,
    태국: 1,
    괌: 1,
    공항: 1,
    나가: 1,
  },
  complaint: {
    불만: 2,
    민원: 2,
    항의: 2,
    최악: 2,
    불친절: 2,
    책임자: 3,
    팀장: 3,
    상급자: 3,
    매니저: 3,
    어이없: 1,
    황당: 1,
    짜증: 1,
    화나: 1,
    화가: 1,
    화났: 1,
    보상: 2,
    사과: 1,
    신고: 1,
    소비자원: 2,
    너무하: 1,
    엉망: 1,
    환불: 1,
  },
  membership_benefits: {
    멤버십: 2,
    혜택: 2,
    포인트: 2,
    할인: 1,
    쿠폰: 2,
    등급: 2,
    적립: 2,
    리워드: 2,
    영화: 1,
    카페: 1,
    예매: 1,
    가족결합: 2,
    결합: 1,
    사은품: 2,
    이벤트: 1,
  },
};
const KOREAN_STEMS = new Map<string, { intent: string; weight: number }[]>();
for (const [intent, stems] of Object.entries(KOREAN_INTENTS))
  for (const [stem, weight] of Object.entries(stems)) KOREAN_STEMS.set(stem, [...(KOREAN_STEMS.get(stem) ?? []), { intent, weight }]);

export const INTENT_NAMES = [...Object.keys(INTENTS), 'general_inquiry'];

export interface IntentResult {
  intent: string;
  confidence: number;
  keywords: string[];
  alternatives: { intent: string; score: number }[];
}

export function classifyIntent(text: string): IntentResult {
  const ws = words(text);
  const korean = matchStems(koreanWords(text), KOREAN_STEMS);
  const scores = Object.entries(INTENTS).map(([intent, keys]) => {
    const hits = ws.filter((w) => keys.includes(w));
    let score = hits.length;
    for (const { stem } of korean)
      for (const m of KOREAN_STEMS.get(stem)!)
        if (m.intent === intent) {
          score += m.weight;
          hits.push(stem);
        }
    return { intent, score, hits };
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
