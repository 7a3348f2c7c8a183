import { fnv1a } from '../../core/ai/text.js';

/** Interview questions per position; the offline engine asks these in a deterministic order. */
export const QUESTION_BANK: Record<string, string[]> = {
  'backend developer': [
    'Tell me about a backend service you designed. What were the main trade-offs?',
    'How do you design a REST API so it can evolve without breaking clients?',
    'Describe how you would find and fix a slow database query in production.',
    'How do you make an operation safe to retry? Give an example with idempotency keys.',
    'Explain how you would handle a sudden tenfold increase in traffic.',
    'What is your approach to testing code that talks to a database?',
    'Describe a production incident you handled and what you changed afterwards.',
  ],
  'frontend developer': [
    'Walk me through how you structure state in a large single-page application.',
    'How do you make a web page accessible to screen-reader users?',
    'Describe how you diagnosed and fixed a slow-rendering page.',
    'How do you decide between server-side rendering and client-side rendering?',
    'Tell me about a component library or design system you worked on.',
    'How do you test user interface code?',
    'Explain how the browser event loop affects what you write.',
  ],
  'data scientist': [
    'Tell me about a model you took from exploration to production.',
    'How do you choose an evaluation metric for an imbalanced classification problem?',
    'Describe how you detect and handle data leakage.',
    'How would you explain a model’s prediction to a non-technical stakeholder?',
    'Describe an A/B test you designed and how you read its results.',
    'How do you monitor a model after deployment for drift?',
    'What do you do when the data contradicts what the business expects?',
  ],
  'product manager': [
    'Tell me about a product decision you made with incomplete data.',
    'How do you prioritize a roadmap when every stakeholder says their item is urgent?',
    'Describe a feature you shipped that failed. What did you learn?',
    'How do you define success metrics for a new feature?',
    'Walk me through how you gather and validate customer needs.',
    'How do you work with engineering when a deadline is at risk?',
    'Describe how you would say no to an important customer.',
  ],
  'ux designer': [
    'Walk me through your design process on a recent project.',
    'How do you run and learn from a usability test?',
    'Tell me about a time research changed your design direction.',
    'How do you balance user needs with business goals?',
    'Describe how you hand off designs to engineers.',
    'How do you design for accessibility from the start?',
    'Tell me about a design critique that changed your work.',
  ],
  'devops engineer': [
    'Describe a CI/CD pipeline you built and how it kept releases safe.',
    'How do you roll back a failed deployment with minimal downtime?',
    'Tell me about how you designed monitoring and alerting for a service.',
    'How do you manage secrets across environments?',
    'Describe how you would plan capacity for a growing system.',
    'Tell me about an outage you handled. How did you communicate during it?',
    'What does infrastructure as code give you, and what are its pitfalls?',
  ],
  'marketing manager': [
    'Tell me about a campaign you ran and how you measured its success.',
    'How do you decide which channels to invest in with a limited budget?',
    'Describe how you define and reach a target audience.',
    'Tell me about a campaign that underperformed and what you changed.',
    'How do you work with sales to turn leads into customers?',
    'How do you keep a brand voice consistent across teams?',
    'What marketing trend are you watching, and why?',
  ],
  'sales representative': [
    'Walk me through how you prepare for a first call with a prospect.',
    'Tell me about a deal you won against a strong competitor.',
    'How do you handle a customer who says your price is too high?',
    'Describe how you manage your pipeline and forecast.',
    'Tell me about a deal you lost. What would you do differently?',
    'How do you build long-term relationships with customers?',
    'How do you learn a new product well enough to sell it?',
  ],
  'customer support specialist': [
    'Tell me about a time you turned an angry customer into a satisfied one.',
    'How do you handle a question you do not know the answer to?',
    'Describe how you prioritize when the queue is full.',
    'How do you explain a technical problem to a non-technical customer?',
    'Tell me about feedback from customers that you passed to the product team.',
    'How do you stay patient during a difficult conversation?',
    'What makes a support answer excellent in your view?',
  ],
};

const GENERAL = [
  'Tell me about yourself and why you are interested in this role.',
  'Describe a difficult problem you solved at work. What was your approach?',
  'Tell me about a time you disagreed with a colleague. How did you resolve it?',
  'What is an accomplishment you are proud of, and why?',
  'How do you keep learning in your field?',
  'Where do you want to grow in the next two years?',
];

export const INTERVIEW_POSITIONS = Object.keys(QUESTION_BANK);

/** The bank for a position, matched loosely ("Senior Backend Developer" → backend developer); general questions otherwise. */
export function questionsFor(position: string): string[] {
  const p = position.toLowerCase();
  const key =
    INTERVIEW_POSITIONS.find((k) => p.includes(k)) ??
    INTERVIEW_POSITIONS.find((k) => k.split(' ').some((w) => w.length > 3 && p.includes(w)));
  return [GENERAL[0]!, ...(key ? QUESTION_BANK[key]! : []), ...GENERAL.slice(1)];
}

/**
 * The next question for a position, skipping those already asked. The first question is always the
 * introduction; the rest follow the bank's order, rotated by a hash of the position so sessions differ by role.
 */
export function nextInterviewQuestion(position: string, alreadyAsked: string[] = []): { question: string; fromBank: boolean } {
  const asked = new Set(alreadyAsked.map((q) => q.trim().toLowerCase()));
  const bank = questionsFor(position);
  const [intro, ...rest] = bank;
  const shift = rest.length ? fnv1a(position.toLowerCase()) % rest.length : 0;
  const ordered = [intro!, ...rest.slice(shift), ...rest.slice(0, shift)];
  const next = ordered.find((q) => !asked.has(q.toLowerCase()));
  if (next) return { question: next, fromBank: true };
  return { question: `Is there anything else about your experience as a ${position} you would like to add?`, fromBank: false };
}
