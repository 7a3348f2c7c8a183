import { and, asc, eq, inArray, desc } from 'drizzle-orm';
import type { ProductContext } from '../../core/product.js';
import type { Db } from '../../core/db/database.js';
import { pgErrorCode, UNIQUE_VIOLATION } from '../../core/db/database.js';
import { uuidv7 } from '../../core/db/ids.js';
import { inTransaction } from '../../core/db/transaction.js';
import { AppError } from '../../core/http/errors.js';
import { normalizePhone } from '../../core/crypto/blind-index.js';
import { personas, voiceConsents, voiceData } from './schema.js';
import type {
  Consent,
  ConsentBody,
  CreatePersonaBody,
  DeletedPersona,
  LearningStatus,
  Persona,
  UpdatePersonaBody,
  VoiceFile,
} from './contract.js';
import { endOpenSessionsOfPersona } from './call-sessions.js';

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
    learningStatus: p.learningStatus as LearningStatus,
    lastTrainingJobId: p.lastTrainingJobId,
    lastTrainingUpdatedAt: p.lastTrainingUpdatedAt?.toISOString() ?? null,
    trainingError: p.trainingError,
    isDeleted: p.isDeleted,
    deletedAt: p.deletedAt?.toISOString() ?? null,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

function phoneIndex(core: ProductContext, phone: string): { current: string; candidates: string[] } {
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
async function assertPhoneFree(db: Db, userId: string, candidates: string[], exceptId?: string) {
  const rows = await db
    .select({ id: personas.id })
    .from(personas)
    .where(and(eq(personas.userId, userId), eq(personas.isDeleted, false), inArray(personas.phoneBlindIndex, candidates)));
  if (rows.some((r) => r.id !== exceptId)) throw phoneTaken();
}

async function assertOwnImage(core: ProductContext, userId: string, fileId: string | null | undefined) {
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

const mapUnique = (err: unknown) => {
  if (pgErrorCode(err) === UNIQUE_VIOLATION) return phoneTaken();
  return err;
};

export async function createPersona(core: ProductContext, userId: string, input: CreatePersonaBody): Promise<PersonaRow> {
  const phone = phoneIndex(core, input.phoneNumber);
  await assertOwnImage(core, userId, input.profileImageFileId);
  await assertPhoneFree(core.db, userId, phone.candidates);
  const id = uuidv7();
  const now = core.clock.now();
  try {
    const [row] = await core.db
      .insert(personas)
      .values({
        id,
        userId,
        name: core.crypt.seal(personas.name, id, input.name.trim()),
        phoneNumber: core.crypt.seal(personas.phoneNumber, id, input.phoneNumber.trim()),
        phoneBlindIndex: phone.current,
        relationship: core.crypt.sealOptional(personas.relationship, id, input.relationship),
        memo: core.crypt.sealOptional(personas.memo, id, input.memo),
        profileImageFileId: input.profileImageFileId ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    return row!;
  } catch (err) {
    throw mapUnique(err);
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

export async function listPersonas(core: ProductContext, userId: string): Promise<Persona[]> {
  return (await livePersonasQuery(core.db, userId)).map((p) => personaView(core, p));
}

export async function listDeletedPersonas(core: ProductContext, userId: string): Promise<DeletedPersona[]> {
  const rows = await core.db
    .select()
    .from(personas)
    .where(and(eq(personas.userId, userId), eq(personas.isDeleted, true)))
    .orderBy(desc(personas.deletedAt));
  return rows.map((p) => ({ ...personaView(core, p), restorableUntil: restorableUntil(p).toISOString() }));
}

const restorableUntil = (p: PersonaRow) => new Date(p.deletedAt!.getTime() + RESTORE_DAYS * 86_400_000);

export async function updatePersona(core: ProductContext, userId: string, id: string, patch: UpdatePersonaBody): Promise<PersonaRow> {
  const current = await ownPersona(core, userId, id);
  const set: Partial<typeof personas.$inferInsert> = { updatedAt: core.clock.now() };
  if (patch.name !== undefined) set.name = core.crypt.seal(personas.name, id, patch.name.trim());
  if (patch.phoneNumber !== undefined) {
    const phone = phoneIndex(core, patch.phoneNumber);
    await assertPhoneFree(core.db, userId, phone.candidates, current.id);
    set.phoneNumber = core.crypt.seal(personas.phoneNumber, id, patch.phoneNumber.trim());
    set.phoneBlindIndex = phone.current;
  }
  if (patch.relationship !== undefined) set.relationship = core.crypt.sealOptional(personas.relationship, id, patch.relationship);
  if (patch.memo !== undefined) set.memo = core.crypt.sealOptional(personas.memo, id, patch.memo);
  if (patch.profileImageFileId !== undefined) {
    await assertOwnImage(core, userId, patch.profileImageFileId);
    set.profileImageFileId = patch.profileImageFileId;
  }
  try {
    const [row] = await core.db.update(personas).set(set).where(eq(personas.id, id)).returning();
    return row!;
  } catch (err) {
    throw mapUnique(err);
  }
}

/** Soft delete: gone from lists at once; calls still open end as cancelled; purged after RESTORE_DAYS. */
export async function deletePersona(core: ProductContext, userId: string, id: string): Promise<void> {
  await inTransaction(core.db, async (tx, afterCommit) => {
    await ownPersona(core, userId, id, tx, { lock: true });
    const now = core.clock.now();
    await endOpenSessionsOfPersona(core, { tx, afterCommit }, id, 'cancelled');
    await tx.update(personas).set({ isDeleted: true, deletedAt: now, updatedAt: now }).where(eq(personas.id, id));
  });
}

export async function restorePersona(core: ProductContext, userId: string, id: string): Promise<PersonaRow> {
  const p = await ownPersona(core, userId, id, core.db, { includeDeleted: true });
  if (!p.isDeleted) throw new AppError('calls.persona_not_deleted', 409, 'the persona is not deleted');
  if (restorableUntil(p).getTime() <= core.clock.now().getTime()) throw personaNotFound();
  const candidates = core.crypt.blindCandidates(PHONE_PURPOSE, 'phone', core.crypt.open(personas.phoneNumber, p.id, p.phoneNumber));
  await assertPhoneFree(core.db, userId, candidates, p.id);
  try {
    const [row] = await core.db
      .update(personas)
      .set({ isDeleted: false, deletedAt: null, updatedAt: core.clock.now() })
      .where(eq(personas.id, id))
      .returning();
    return row!;
  } catch (err) {
    throw mapUnique(err);
  }
}

export type VoiceRow = typeof voiceData.$inferSelect;

export function voiceView(core: ProductContext, v: VoiceRow, fileName: string | null, contentType: string | null): VoiceFile {
  return {
    id: v.id,
    personaId: v.personaId,
    fileId: v.fileId,
    fileName,
    contentType,
    fileSize: v.fileSize,
    aiFileId: v.aiFileId,
    uploadedAt: v.uploadedAt.toISOString(),
  };
}

/** Records an uploaded recording under the persona and hands it to the engine through a signed download link. */
export async function addVoiceFile(core: ProductContext, userId: string, personaId: string, fileId: string) {
  const persona = await ownPersona(core, userId, personaId);
  const file = await core.files.find(fileId);
  if (!file || file.ownerId !== userId) throw new AppError('files.not_found', 404, 'file not found');
  const link = core.files.signUrl(file, 3600);
  let aiFileId: string;
  try {
    ({ fileId: aiFileId } = await core.ai.uploadVoiceFile({
      personaId: persona.id,
      fileUrl: link.url,
      fileName: file.originalName ?? undefined,
      contentType: file.contentType,
      fileSize: file.size,
      userId,
      promptVersion: 'calls.voice-upload@1',
    }));
  } catch (err) {
    await core.files.deleteNow([file.id]);
    throw err;
  }
  const now = core.clock.now();
  const [row] = await core.db
    .insert(voiceData)
    .values({
      id: uuidv7(),
      personaId: persona.id,
      fileId: file.id,
      fileSize: file.size,
      aiFileId,
      uploadedAt: now,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return voiceView(core, row!, file.originalName, file.contentType);
}

export async function listVoiceFiles(core: ProductContext, userId: string, personaId: string) {
  await ownPersona(core, userId, personaId);
  const rows = await core.db.select().from(voiceData).where(eq(voiceData.personaId, personaId)).orderBy(asc(voiceData.uploadedAt));
  const out = [];
  for (const v of rows) {
    const file = await core.files.find(v.fileId);
    out.push(voiceView(core, v, file?.originalName ?? null, file?.contentType ?? null));
  }
  return out;
}

export async function ownVoiceFile(core: ProductContext, userId: string, personaId: string, voiceId: string) {
  await ownPersona(core, userId, personaId);
  const [row] = await core.db
    .select()
    .from(voiceData)
    .where(and(eq(voiceData.id, voiceId), eq(voiceData.personaId, personaId)));
  if (!row) throw new AppError('calls.voice_file_not_found', 404, 'voice file not found');
  return row;
}

export async function deleteVoiceFile(core: ProductContext, userId: string, personaId: string, voiceId: string) {
  const row = await ownVoiceFile(core, userId, personaId, voiceId);
  await inTransaction(core.db, async (tx) => {
    await tx.delete(voiceData).where(eq(voiceData.id, row.id));
    await core.files.deleteNow([row.fileId], tx);
  });
}

export async function giveConsent(core: ProductContext, userId: string, personaId: string, input: ConsentBody) {
  await ownPersona(core, userId, personaId);
  const now = core.clock.now();
  const values = {
    personaId,
    userId,
    voiceOwner: core.crypt.seal(voiceConsents.voiceOwner, personaId, input.voiceOwner.trim()),
    statement: input.statement,
    consentedAt: now,
  };
  const [row] = await core.db
    .insert(voiceConsents)
    .values(values)
    .onConflictDoUpdate({
      target: voiceConsents.personaId,
      set: { voiceOwner: values.voiceOwner, statement: values.statement, consentedAt: now },
    })
    .returning();
  return consentView(core, row!);
}

export function consentView(core: ProductContext, c: typeof voiceConsents.$inferSelect): Consent {
  return {
    personaId: c.personaId,
    voiceOwner: core.crypt.open(voiceConsents.voiceOwner, c.personaId, c.voiceOwner),
    statement: c.statement,
    consentedAt: c.consentedAt.toISOString(),
  };
}

export async function getConsent(core: ProductContext, userId: string, personaId: string) {
  await ownPersona(core, userId, personaId);
  const [row] = await core.db.select().from(voiceConsents).where(eq(voiceConsents.personaId, personaId));
  if (!row) throw new AppError('calls.consent_not_found', 404, 'no voice consent was given for this persona');
  return consentView(core, row);
}
