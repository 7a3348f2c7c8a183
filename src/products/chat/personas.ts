import { asc, eq } from 'drizzle-orm';
import type { ProductContext } from '../../core/product.js';
import { AppError } from '../../core/http/errors.js';
import { pgErrorCode, UNIQUE_VIOLATION } from '../../core/db/database.js';
import { personas } from './schema.js';
import { SEED_PERSONAS } from './seed-personas.js';
import type { CharacterCard, CreatePersonaBody, Persona } from './contract.js';

export type PersonaRow = typeof personas.$inferSelect;

export function personaView(p: PersonaRow): Persona {
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    systemPrompt: p.systemPrompt,
    avatarModel: p.avatarModel,
    greeting: p.greeting,
    isActive: p.isActive,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export async function listPersonas(core: ProductContext, includeInactive: boolean) {
  const rows = await core.db
    .select()
    .from(personas)
    .where(includeInactive ? undefined : eq(personas.isActive, true))
    .orderBy(asc(personas.id));
  return rows.map(personaView);
}

export const personaNotFound = (id: string) => new AppError('chat.persona_not_found', 404, `no persona "${id}"`);

export async function getPersona(core: ProductContext, id: string): Promise<PersonaRow> {
  const [row] = await core.db.select().from(personas).where(eq(personas.id, id));
  if (!row) throw personaNotFound(id);
  return row;
}

export async function createPersona(core: ProductContext, input: CreatePersonaBody): Promise<PersonaRow> {
  try {
    const [row] = await core.db.insert(personas).values(input).returning();
    return row!;
  } catch (err) {
    if (pgErrorCode(err) === UNIQUE_VIOLATION) {
      throw new AppError('chat.persona_exists', 409, `a persona "${input.id}" exists`, { errors: [{ field: 'id', message: 'is taken' }] });
    }
    throw err;
  }
}

/** Creates the six seed personas that are missing; existing ones (maybe edited by an admin) stay as they are. */
export async function seedPersonas(core: ProductContext): Promise<number> {
  const rows = await core.db
    .insert(personas)
    .values(SEED_PERSONAS.map((p) => ({ ...p })))
    .onConflictDoNothing()
    .returning({ id: personas.id });
  return rows.length;
}

export function personaToCard(p: PersonaRow): CharacterCard {
  return {
    spec: 'chara_card_v2',
    spec_version: '2.0',
    data: {
      name: p.name,
      description: p.description,
      personality: '',
      scenario: '',
      first_mes: p.greeting ?? '',
      mes_example: '',
      creator_notes: '',
      system_prompt: p.systemPrompt,
      post_history_instructions: '',
      alternate_greetings: [],
      tags: [],
      creator: 'Talkbase',
      character_version: p.updatedAt.toISOString(),
      extensions: { talkbase: { id: p.id, avatar_model: p.avatarModel } },
    },
  };
}

// An id is 2 to 50 of [a-z0-9-]: a name that slugs to less (a one-letter name) is prefixed.
const slug = (s: string) => {
  const base = s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 41);
  return base.length >= 2 ? base : `persona${base ? `-${base}` : ''}`;
};

/** A card's fields mapped onto a persona; personality and scenario join the system prompt when present. */
export function cardToPersona(card: CharacterCard, idOverride?: string): CreatePersonaBody {
  const d = card.data;
  const ext = (d.extensions?.talkbase ?? {}) as { id?: string; avatar_model?: string | null };
  const parts = [d.system_prompt, d.personality && `Personality: ${d.personality}`, d.scenario && `Scenario: ${d.scenario}`].filter(
    Boolean,
  );
  const systemPrompt = parts.join('\n\n') || `You are ${d.name}. ${d.description}`;
  return {
    id: idOverride ?? (ext.id && /^[a-z0-9][a-z0-9-]{1,49}$/.test(ext.id) ? ext.id : slug(d.name)),
    name: d.name.slice(0, 100),
    description: d.description || d.name,
    systemPrompt,
    avatarModel: ext.avatar_model ?? null,
    greeting: d.first_mes || null,
  };
}
