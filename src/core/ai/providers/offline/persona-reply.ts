import type { ChatMessage } from '../../engine.js';
import { analyzeEmotion } from './emotion.js';
import { topTerms } from './summary.js';
import { contentWords, fnv1a, sentences, words } from '../../text.js';

export interface PersonaProfile {
  name: string | null;
  /** What the system prompt says about the persona, sentence by sentence. */
  facts: string[];
  role: string | null;
}

/** Reads a persona's name, role and facts out of a system prompt ("You are Grandma Rose, a warm …"). */
export function personaFromSystemPrompt(system: string): PersonaProfile {
  const name =
    /\b(?:[Yy]ou are|[Yy]ou're|[Yy]our name is|[Nn]ame:)\s+(?:a |an |the )?([A-Z][\p{L}'-]*(?:\s+[A-Z][\p{L}'-]*)?)/u.exec(system)?.[1] ??
    null;
  const role =
    /\b(?:you are|you're|role:)\s+(?:[A-Z][\p{L}'-]*(?:\s+[A-Z][\p{L}'-]*)?,?\s+)?(?:a|an|the)\s+([^.,;\n]{3,60})/iu
      .exec(system)?.[1]
      ?.trim() ?? null;
  const facts = sentences(system).filter((s) => !/^(you are|you're|always|never|do not|don't|answer|reply|respond|keep|be )/i.test(s));
  return { name, facts, role };
}

/** Words too light to be a topic ("I got the job last week" is about the job). */
const LIGHT = new Set([
  'feel',
  'feeling',
  'felt',
  'got',
  'get',
  'went',
  'go',
  'going',
  'think',
  'know',
  'want',
  'like',
  'really',
  'last',
  'next',
  'today',
  'week',
  'day',
  'yesterday',
  'tomorrow',
  'remember',
  'much',
  'lot',
  'thing',
  'things',
  'something',
  'said',
  'say',
  'tell',
  'told',
  'make',
  'made',
]);

const FIRST_PERSON: Record<string, string> = { is: 'am', was: 'was', has: 'have', does: 'do', goes: 'go' };

/** "Rose loves baking" / "She lived in Busan" → "I love baking" / "I lived in Busan", so the persona speaks of itself. */
function inFirstPerson(fact: string, name: string | null): string {
  const subject = new RegExp(`^(?:${name ? `${name.split(' ')[0]}|` : ''}She|He|They)\\s+(\\p{L}+)(.*)$`, 'u').exec(fact);
  if (!subject) return fact;
  const verb = subject[1]!;
  const conj =
    FIRST_PERSON[verb.toLowerCase()] ??
    (/[^aeiou]ies$/.test(verb)
      ? verb.slice(0, -3) + 'y'
      : /(ss|sh|ch|x|o)es$/.test(verb)
        ? verb.slice(0, -2)
        : /[^s]s$/.test(verb)
          ? verb.slice(0, -1)
          : verb);
  return `I ${conj}${subject[2]!.replace(/\b(her|his|their)\b/g, 'my')}`;
}

const pick = <T>(options: T[], seed: string): T => options[fnv1a(seed) % options.length]!;

/**
 * A template reply in the persona's voice: it answers the shape of the last user message (greeting,
 * thanks, farewell, feeling, question, statement), echoes its topic, and recalls the persona fact that
 * shares most words with it. Deterministic for the same conversation.
 */
export function personaReply(messages: ChatMessage[]): string {
  const system = messages
    .filter((m) => m.role === 'system')
    .map((m) => m.content)
    .join('\n');
  const lastUser =
    [...messages]
      .reverse()
      .find((m) => m.role === 'user')
      ?.content.trim() ?? '';
  const persona = personaFromSystemPrompt(system);
  const seed = `${system}\u0000${messages.length}\u0000${lastUser}`;
  const ws = words(lastUser);
  const topic = topTerms(lastUser, 6)
    .filter((w) => !LIGHT.has(w))
    .slice(0, 2)
    .join(' and ');
  const mood = analyzeEmotion(lastUser).dominantEmotion;
  const userTerms = new Set(contentWords(lastUser));
  const recalled = persona.facts
    .map((f) => ({ f, overlap: contentWords(f).filter((w) => userTerms.has(w)).length }))
    .filter((x) => x.overlap > 0)
    .sort((a, b) => b.overlap - a.overlap)[0]?.f;

  const parts: string[] = [];
  const first = ws[0] ?? '';
  if (['hi', 'hello', 'hey', 'morning', 'evening', 'good'].includes(first) && ws.length <= 6) {
    parts.push(
      pick(
        [
          `Hello! ${persona.name ? `It's ${persona.name}. ` : ''}It's so good to hear from you.`,
          `Hi there${persona.name ? `, ${persona.name} here` : ''}. How are you today?`,
        ],
        seed,
      ),
    );
  } else if (ws.some((w) => w === 'thanks' || w === 'thank')) {
    parts.push(pick(["You're very welcome.", 'Any time — I mean that.', "I'm glad I could help."], seed));
  } else if (ws.some((w) => ['bye', 'goodbye', 'goodnight'].includes(w))) {
    parts.push(pick(['Take care of yourself. Talk soon.', 'Goodbye for now — I will be here when you want to talk again.'], seed));
  } else if (mood === 'sad') {
    parts.push(
      pick(["I'm sorry you're going through this. I'm here with you.", "That sounds hard. Take your time — I'm listening."], seed),
    );
  } else if (mood === 'angry') {
    parts.push(pick(['I understand why that frustrates you.', "That's a fair thing to be upset about; let's look at it together."], seed));
  } else if (mood === 'happy') {
    parts.push(pick([`That's wonderful${topic ? ` — ${topic}!` : '!'}`, 'I love hearing that. Tell me everything.'], seed));
  } else if (lastUser.endsWith('?')) {
    parts.push(topic ? pick([`Good question about ${topic}.`, `Let me think about ${topic} for a moment.`], seed) : 'Good question.');
    if (persona.role)
      parts.push(
        `Speaking as ${/^(a|an|the)\b/i.test(persona.role) ? persona.role : `your ${persona.role}`}, here is what I would say: start with what matters most to you and take it one step at a time.`,
      );
    else parts.push('Here is what I would say: start with what matters most to you and take it one step at a time.');
  } else {
    parts.push(
      topic
        ? pick(
            [
              `You mentioned ${topic}. Tell me more about that.`,
              `${topic[0]!.toUpperCase()}${topic.slice(1)} — that's interesting. What happened next?`,
            ],
            seed,
          )
        : pick(['Tell me more.', "I'm listening."], seed),
    );
  }
  if (recalled) parts.push(`That reminds me: ${inFirstPerson(recalled, persona.name)}`);
  return parts.join(' ');
}
