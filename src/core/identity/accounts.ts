import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { createHash, randomBytes } from 'node:crypto';
import type { Core } from '../context.js';
import { pgConstraint, pgErrorCode, UNIQUE_VIOLATION, type Db } from '../db/database.js';
import { uuidv7 } from '../db/ids.js';
import { inTransaction } from '../db/transaction.js';
import { normalizeEmail } from '../crypto/blind-index.js';
import { AppError } from '../http/errors.js';
import { exportNotifications, type Notification } from '../notifications/notifications.js';
import { eraseUserChannel } from '../realtime/channel-events.js';
import { deleteBlobsLater } from '../files/blob-deletion.js';
import { files } from '../files/schema.js';
import { assertStrongPassword } from './password-strength.js';
import { oneTimeTokens, refreshTokens, userRoles, users } from './schema.js';

export const EMAIL_PURPOSE = 'users.email';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

export interface Profile {
  id: string;
  email: string;
  username: string | null;
  fullName: string | null;
  locale: 'ko' | 'en' | null;
  timeZone: string | null;
  isActive: boolean;
  isVerified: boolean;
  isAdmin: boolean;
  roles: { product: string; role: string }[];
  lastLoginAt: string | null;
  createdAt: string;
}

const invalidCredentials = () => new AppError('auth.invalid_credentials', 401, 'email or password is wrong');

export function emailLookup(core: Core, email: string): string[] {
  return core.crypt.blindCandidates(EMAIL_PURPOSE, 'email', email);
}

/** `strengthCheck: false` is for accounts a test creates with a password it chose; the demo seed's generated ones pass. */
export async function registerAccount(
  core: Core,
  input: { email: string; password: string; username?: string; fullName?: string },
  opts: { strengthCheck?: boolean } = {},
): Promise<{ userId: string }> {
  const id = uuidv7();
  const email = normalizeEmail(input.email);
  if (opts.strengthCheck !== false)
    await assertStrongPassword(input.password, { ...input, email }, core.config.passwordMinScore, 'password');
  const passwordHash = await core.passwords.hash(input.password);
  try {
    await core.db.insert(users).values({
      id,
      email: core.crypt.seal(users.email, id, email),
      emailBlindIndex: core.crypt.blind(EMAIL_PURPOSE, 'email', email),
      username: input.username ?? null,
      fullName: core.crypt.sealOptional(users.fullName, id, input.fullName),
      passwordHash,
    });
  } catch (err) {
    if (pgErrorCode(err) === UNIQUE_VIOLATION) {
      if (pgConstraint(err) === 'users_username_key') throw new AppError('identity.username_taken', 409, 'that username is taken');
      throw new AppError('identity.email_taken', 409, 'an account with that email already exists');
    }
    throw err;
  }
  return { userId: id };
}

async function issueTokens(core: Core, db: Db, userId: string, familyId: string = uuidv7()): Promise<TokenPair> {
  const refresh = core.tokens.newRefreshToken();
  const expiresAt = new Date(core.clock.now().getTime() + core.config.refreshTokenDays * 86_400_000);
  await db.insert(refreshTokens).values({ id: uuidv7(), userId, familyId, tokenHash: refresh.hash, expiresAt });
  const access = await core.tokens.issueAccess(userId, familyId);
  return { accessToken: access.token, refreshToken: refresh.token, tokenType: 'Bearer', expiresIn: access.expiresIn };
}

export async function startSession(core: Core, userId: string): Promise<TokenPair> {
  return issueTokens(core, core.db, userId);
}

/** Same answer and about the same time for an unknown email, a wrong password and a disabled account. */
export async function login(core: Core, email: string, password: string): Promise<{ userId: string; tokens: TokenPair }> {
  const [user] = await core.db
    .select({ id: users.id, passwordHash: users.passwordHash, isActive: users.isActive })
    .from(users)
    .where(inArray(users.emailBlindIndex, emailLookup(core, email)))
    .limit(1);
  if (!user) {
    await core.passwords.verifyDummy(password);
    throw invalidCredentials();
  }
  const ok = await core.passwords.verify(password, user.passwordHash);
  if (!ok || !user.isActive) throw invalidCredentials();
  await core.db.update(users).set({ lastLoginAt: core.clock.now() }).where(eq(users.id, user.id));
  return { userId: user.id, tokens: await issueTokens(core, core.db, user.id) };
}

/**
 * Rotates a refresh token. Presenting one that was already used means it leaked: the whole family
 * is revoked and the holder must sign in again.
 */
export async function refresh(core: Core, token: string): Promise<TokenPair> {
  const hash = core.tokens.hashRefreshToken(token);
  const now = core.clock.now();
  const outcome = await inTransaction(core.db, async (tx) => {
    const [row] = await tx.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, hash)).limit(1);
    if (!row) return { error: 'unknown' as const };
    const claimed = await tx
      .update(refreshTokens)
      .set({ usedAt: now })
      .where(and(eq(refreshTokens.id, row.id), isNull(refreshTokens.usedAt), isNull(refreshTokens.revokedAt)))
      .returning({ id: refreshTokens.id });
    if (claimed.length === 0) {
      if (row.usedAt) {
        await tx
          .update(refreshTokens)
          .set({ revokedAt: now })
          .where(and(eq(refreshTokens.familyId, row.familyId), isNull(refreshTokens.revokedAt)));
        return { error: 'reused' as const, userId: row.userId };
      }
      return { error: 'revoked' as const };
    }
    if (row.expiresAt.getTime() <= now.getTime()) return { error: 'expired' as const };
    const [user] = await tx.select({ isActive: users.isActive }).from(users).where(eq(users.id, row.userId));
    if (!user?.isActive) return { error: 'revoked' as const };
    return { tokens: await issueTokens(core, tx, row.userId, row.familyId) };
  });
  if (outcome.tokens) return outcome.tokens;
  if (outcome.error === 'reused') {
    await core.accountCache.forget(outcome.userId);
    throw new AppError('auth.refresh_reused', 401, 'this refresh token was already used; every session of this sign-in is now revoked');
  }
  throw new AppError('auth.invalid_refresh', 401, 'the refresh token is invalid, expired or revoked');
}

export async function logout(core: Core, token: string): Promise<void> {
  const hash = core.tokens.hashRefreshToken(token);
  const [row] = await core.db
    .select({ familyId: refreshTokens.familyId, userId: refreshTokens.userId })
    .from(refreshTokens)
    .where(eq(refreshTokens.tokenHash, hash));
  if (!row) return;
  await core.db
    .update(refreshTokens)
    .set({ revokedAt: core.clock.now() })
    .where(and(eq(refreshTokens.familyId, row.familyId), isNull(refreshTokens.revokedAt)));
  await core.accountCache.forget(row.userId);
}

/** Ends every sign-in of the user. Inside a transaction, forget the account again once it has committed. */
export async function revokeAllSessions(core: Core, db: Db, userId: string): Promise<void> {
  await db
    .update(refreshTokens)
    .set({ revokedAt: core.clock.now() })
    .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)));
  await core.accountCache.forget(userId);
}

async function checkPassword(core: Core, userId: string, password: string): Promise<void> {
  const [user] = await core.db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
  if (!user || !(await core.passwords.verify(password, user.passwordHash))) {
    throw new AppError('auth.wrong_password', 403, 'the current password is wrong', {
      errors: [{ field: 'currentPassword', message: 'is wrong' }],
    });
  }
}

export async function changePassword(core: Core, userId: string, currentPassword: string, newPassword: string): Promise<void> {
  await checkPassword(core, userId, currentPassword);
  await assertStrongPassword(newPassword, await passwordContext(core, userId), core.config.passwordMinScore, 'newPassword');
  const passwordHash = await core.passwords.hash(newPassword);
  await inTransaction(core.db, async (tx) => {
    await tx.update(users).set({ passwordHash, updatedAt: core.clock.now() }).where(eq(users.id, userId));
    await revokeAllSessions(core, tx, userId);
  });
  await core.accountCache.forget(userId);
}

async function passwordContext(core: Core, userId: string): Promise<{ email: string; username: string | null; fullName: string | null }> {
  const { email, username, fullName } = await getProfile(core, userId);
  return { email, username, fullName };
}

export async function getProfile(core: Core, userId: string): Promise<Profile> {
  const [u] = await core.db.select().from(users).where(eq(users.id, userId));
  if (!u) throw new AppError('user.not_found', 404, 'user not found');
  const roles = await core.db
    .select({ product: userRoles.product, role: userRoles.role })
    .from(userRoles)
    .where(eq(userRoles.userId, userId));
  return {
    id: u.id,
    email: core.crypt.open(users.email, u.id, u.email),
    username: u.username,
    fullName: core.crypt.openOptional(users.fullName, u.id, u.fullName),
    locale: u.locale === 'ko' || u.locale === 'en' ? u.locale : null,
    timeZone: u.timeZone,
    isActive: u.isActive,
    isVerified: u.isVerified,
    isAdmin: u.isAdmin,
    roles,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
  };
}

/** An IANA zone name the runtime knows (Asia/Seoul, UTC, …). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export async function updateProfile(
  core: Core,
  userId: string,
  patch: { username?: string | null; fullName?: string | null; locale?: 'ko' | 'en' | null; timeZone?: string | null },
): Promise<void> {
  if (patch.timeZone != null && !isTimeZone(patch.timeZone)) {
    throw new AppError('validation', 400, 'timeZone is not an IANA time zone', {
      errors: [{ field: 'timeZone', message: 'is not an IANA time zone such as Asia/Seoul' }],
    });
  }
  const set: Partial<typeof users.$inferInsert> = { updatedAt: core.clock.now() };
  if (patch.locale !== undefined) set.locale = patch.locale;
  if (patch.timeZone !== undefined) set.timeZone = patch.timeZone;
  if (patch.username !== undefined) set.username = patch.username;
  if (patch.fullName !== undefined) set.fullName = core.crypt.sealOptional(users.fullName, userId, patch.fullName);
  try {
    await core.db.update(users).set(set).where(eq(users.id, userId));
  } catch (err) {
    if (pgErrorCode(err) === UNIQUE_VIOLATION) throw new AppError('identity.username_taken', 409, 'that username is taken');
    throw err;
  }
}

export async function grantRole(core: Core, userId: string, product: string, role: string): Promise<void> {
  const definition = core.products.find((p) => p.name === product)?.roles?.find((r) => r.name === role);
  if (!definition) {
    throw new AppError('identity.unknown_role', 400, `no role "${role}" in product "${product}"`, {
      errors: [{ field: 'role', message: 'is not a role of that product' }],
    });
  }
  await core.db.insert(userRoles).values({ userId, product, role }).onConflictDoNothing();
  await core.accountCache.forget(userId);
}

export async function revokeRole(core: Core, userId: string, product: string, role: string): Promise<void> {
  await core.db.delete(userRoles).where(and(eq(userRoles.userId, userId), eq(userRoles.product, product), eq(userRoles.role, role)));
  await core.accountCache.forget(userId);
}

/** Everything Talkbase holds about a user, from the core and from every enabled product. */
export async function exportAccount(
  core: Core,
  userId: string,
): Promise<{ format: string; exportedAt: string; profile: Profile; notifications: Notification[]; products: Record<string, unknown> }> {
  const profile = await getProfile(core, userId);
  const notifications = await exportNotifications(core, userId);
  const products: Record<string, unknown> = {};
  for (const p of core.products) if (p.exportUser) products[p.name] = await p.exportUser(core.forProducts, userId);
  return { format: 'talkbase.export.v1', exportedAt: core.clock.now().toISOString(), profile, notifications, products };
}

/**
 * Deletes the account and everything of it in one transaction; the blobs of its files (and those the
 * products name) are queued for deletion in that same transaction, so they go only if it commits.
 */
export async function deleteAccount(core: Core, userId: string, password: string): Promise<void> {
  await checkPassword(core, userId, password);
  await inTransaction(core.db, async (tx) => {
    const blobKeys: string[] = [];
    for (const p of [...core.products].reverse()) {
      const result = await p.eraseUser?.(core.forProducts, { tx, userId });
      if (result?.blobKeys) blobKeys.push(...result.blobKeys);
    }
    const owned = await tx.select({ blobKey: files.blobKey }).from(files).where(eq(files.ownerId, userId));
    blobKeys.push(...owned.map((f) => f.blobKey));
    await tx.delete(users).where(eq(users.id, userId));
    await eraseUserChannel(tx, userId);
    await deleteBlobsLater(core, blobKeys, tx);
  });
  await core.accountCache.forget(userId);
}

const ONE_TIME_TTL_MS = { verify_email: 48 * 3_600_000, reset_password: 3_600_000 } as const;

async function issueOneTimeToken(core: Core, userId: string, purpose: keyof typeof ONE_TIME_TTL_MS): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await core.db.insert(oneTimeTokens).values({
    id: uuidv7(),
    userId,
    purpose,
    tokenHash: createHash('sha256').update(token).digest('hex'),
    expiresAt: new Date(core.clock.now().getTime() + ONE_TIME_TTL_MS[purpose]),
  });
  return token;
}

async function consumeOneTimeToken(core: Core, db: Db, token: string, purpose: string): Promise<string> {
  const now = core.clock.now();
  const rows = await db
    .update(oneTimeTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(oneTimeTokens.tokenHash, createHash('sha256').update(token).digest('hex')),
        eq(oneTimeTokens.purpose, purpose),
        isNull(oneTimeTokens.usedAt),
        sql`${oneTimeTokens.expiresAt} > ${now}`,
      ),
    )
    .returning({ userId: oneTimeTokens.userId });
  if (!rows[0])
    throw new AppError('auth.invalid_token', 400, 'the link is invalid, expired or already used', {
      errors: [{ field: 'token', message: 'is invalid or expired' }],
    });
  return rows[0].userId;
}

export async function requestEmailVerification(core: Core, userId: string): Promise<void> {
  const profile = await getProfile(core, userId);
  if (profile.isVerified) return;
  const token = await issueOneTimeToken(core, userId, 'verify_email');
  const link = `${core.config.publicUrl}/verify-email?token=${token}`;
  await core.mailer.send({
    userId,
    to: profile.email,
    subject: 'Confirm your email for Talkbase',
    text: `Open this link to confirm your email address for Talkbase. It expires in 48 hours.\n\n${link}\n`,
    link,
  });
}

export async function confirmEmail(core: Core, token: string): Promise<void> {
  await inTransaction(core.db, async (tx) => {
    const userId = await consumeOneTimeToken(core, tx, token, 'verify_email');
    await tx.update(users).set({ isVerified: true, updatedAt: core.clock.now() }).where(eq(users.id, userId));
  });
}

/** Always answers the same, whether or not the email has an account. */
export async function requestPasswordReset(core: Core, email: string): Promise<void> {
  const [user] = await core.db
    .select({ id: users.id })
    .from(users)
    .where(inArray(users.emailBlindIndex, emailLookup(core, email)))
    .limit(1);
  if (!user) return;
  const token = await issueOneTimeToken(core, user.id, 'reset_password');
  const link = `${core.config.publicUrl}/reset-password?token=${token}`;
  // Not awaited: the answer must not take longer when the account exists. A failure is logged by the mailer.
  void core.mailer
    .send({
      userId: user.id,
      to: normalizeEmail(email),
      subject: 'Reset your Talkbase password',
      text: `Open this link to choose a new password. It expires in an hour.\n\n${link}\n\nIf you did not ask for it, ignore this mail: your password stays as it is.\n`,
      link,
    })
    .catch(() => undefined);
}

export async function resetPassword(core: Core, token: string, newPassword: string): Promise<void> {
  // The link is checked (not used up) first, so a refused password leaves it valid for another try.
  const [pending] = await core.db
    .select({ userId: oneTimeTokens.userId })
    .from(oneTimeTokens)
    .where(
      and(
        eq(oneTimeTokens.tokenHash, createHash('sha256').update(token).digest('hex')),
        eq(oneTimeTokens.purpose, 'reset_password'),
        isNull(oneTimeTokens.usedAt),
        sql`${oneTimeTokens.expiresAt} > ${core.clock.now()}`,
      ),
    );
  if (pending)
    await assertStrongPassword(newPassword, await passwordContext(core, pending.userId), core.config.passwordMinScore, 'newPassword');
  const passwordHash = await core.passwords.hash(newPassword);
  const userId = await inTransaction(core.db, async (tx) => {
    const userId = await consumeOneTimeToken(core, tx, token, 'reset_password');
    await tx.update(users).set({ passwordHash, updatedAt: core.clock.now() }).where(eq(users.id, userId));
    await revokeAllSessions(core, tx, userId);
    return userId;
  });
  await core.accountCache.forget(userId);
}
