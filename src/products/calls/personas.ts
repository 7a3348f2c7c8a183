import { and, asc, eq, inArray } from 'drizzle-orm';
import type { ProductContext } from '../../core/product.js';
import type { Db } from '../../core/db/database.js';
import { pgErrorCode, UNIQUE_VIOLATION } from '../../core/db/database.js';
import { AppError } from '../../core/http/errors.js';
import { normalizePhone } from '../../core/crypto/blind-index.js';
import { personas, voiceConsents } from './schema.js';
import type { Consent, Persona } from './contract.js';

export type PersonaRow = typeof personas.$inferSelect;

/** How long a deleted persona can be restored; the retention sweep purges it afterwards. */
export const RESTORE_DAYS = 30;
export const PHONE_PURPOSE = 'calls.persona.phone';

export const personaNotFound = () => new AppError('calls.persona_not_found', 404, 'persona not found');

export function personaView(core: ProductContext, p: PersonaRow): Persona {
  return {
    id: p.id,
    name: core.crypt.open(personas.name, p.id, p.name),
    phoneNumber: core.crypt.open(personas.phoneNumber, p.id, p.phoneNumber),
    relationship: core.crypt.openOptional(personas.relationship, p.id, p.relationship),
    profileImageFileId: p.profileImageFileId,
    memo: core.crypt.openOptional(personas.memo, p.id, p.memo),
    learningStatus: p.learningStatus,
    lastTrainingJobId: p.lastTrainingJobId,
    lastTrainingUpdatedAt: p.lastTrainingUpdatedAt?.toISOString() ?? null,
    trainingError: p.trainingError,
    isDeleted: p.isDeleted,
    deletedAt: p.deletedAt?.toISOString() ?? null,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

/** The phone number's blind index (current key) and what a lookup must match during a key rotation; under three digits is refused. */
export function phoneIndex(core: ProductContext, phone: string): { current: string; candidates: string[] } {
  const normalized = normalizePhone(phone);
  if (normalized.replace('+', '').length < 3) {
    throw new AppError('validation', 400, 'phoneNumber needs at least three digits', {
      errors: [{ field: 'phoneNumber', message: 'needs at least three digits' }],
    });
  }
  return {
    current: core.crypt.blind(PHONE_PURPOSE, 'phone', phone),
    candidates: core.crypt.blindCandidates(PHONE_PURPOSE, 'phone', phone),
  };
}

const phoneTaken = () =>
  new AppError('calls.phone_taken', 409, 'another persona of yours has this phone number', {
    errors: [{ field: 'phoneNumber', message: 'is already used by another persona' }],
  });

/** Also catches an index written under an older blind key while a key rotation is under way. */
export async function assertPhoneFree(db: Db, userId: string, candidates: string[], exceptId?: string) {
  const rows = await db
    .select({ id: personas.id })
    .from(personas)
    .where(and(eq(personas.userId, userId), eq(personas.isDeleted, false), inArray(personas.phoneBlindIndex, candidates)));
  if (rows.some((r) => r.id !== exceptId)) throw phoneTaken();
}

export async function assertOwnImage(core: ProductContext, userId: string, fileId: string | null | undefined) {
  if (!fileId) return;
  const file = await core.files.find(fileId);
  if (!file || file.ownerId !== userId) {
    throw new AppError('validation', 400, 'profileImageFileId is not one of your files', {
      errors: [{ field: 'profileImageFileId', message: 'is not one of your uploaded files' }],
    });
  }
  if (!file.contentType.startsWith('image/')) {
    throw new AppError('validation', 400, 'profileImageFileId is not an image', {
      errors: [{ field: 'profileImageFileId', message: 'must be an image' }],
    });
  }
}

/** A write that the per-user unique phone index may refuse (a race the check before it lost): that refusal is a 409. */
export async function withPhoneUniqueness<T>(write: PromiseLike<T>): Promise<T> {
  try {
    return await write;
  } catch (err) {
    throw pgErrorCode(err) === UNIQUE_VIOLATION ? phoneTaken() : err;
  }
}

/** A live persona of the user; anyone else's, or a deleted one, is not found. */
export async function ownPersona(
  core: ProductContext,
  userId: string,
  id: string,
  db: Db = core.db,
  opts: { includeDeleted?: boolean; lock?: boolean } = {},
): Promise<PersonaRow> {
  const query = db
    .select()
    .from(personas)
    .where(and(eq(personas.id, id), eq(personas.userId, userId), opts.includeDeleted ? undefined : eq(personas.isDeleted, false)));
  const [row] = opts.lock ? await query.for('update') : await query;
  if (!row) throw personaNotFound();
  return row;
}

/** Main query 1: the user's live personas (`findActiveByUserId`). */
export function livePersonasQuery(db: Db, userId: string) {
  return db
    .select()
    .from(personas)
    .where(and(eq(personas.userId, userId), eq(personas.isDeleted, false)))
    .orderBy(asc(personas.createdAt));
}

export const restorableUntil = (p: PersonaRow) => new Date(p.deletedAt!.getTime() + RESTORE_DAYS * 86_400_000);

export function consentView(core: ProductContext, c: typeof voiceConsents.$inferSelect): Consent {
  return {
    personaId: c.personaId,
    voiceOwner: core.crypt.open(voiceConsents.voiceOwner, c.personaId, c.voiceOwner),
    statement: c.statement,
    consentedAt: c.consentedAt.toISOString(),
  };
}
