import { sql } from 'drizzle-orm';
import { boolean, index, integer, primaryKey, text, timestamp, uniqueIndex, uuid, check } from 'drizzle-orm/pg-core';
import { coreSchema } from '../db/core-schema.js';
import { encryptedText } from '../db/encrypted-column.js';

export const users = coreSchema.table(
  'users',
  {
    id: uuid('id').primaryKey(),
    email: encryptedText('email').notNull(),
    emailBlindIndex: text('email_bidx').notNull(),
    username: text('username'),
    fullName: encryptedText('full_name'),
    /** The console's language ('ko' | 'en'); null: the browser's preference. */
    locale: text('locale'),
    /** IANA time zone dates are shown in; null: Asia/Seoul for Korean, the browser's zone otherwise. */
    timeZone: text('time_zone'),
    passwordHash: text('password_hash').notNull(),
    isActive: boolean('is_active').notNull().default(true),
    isVerified: boolean('is_verified').notNull().default(false),
    isAdmin: boolean('is_admin').notNull().default(false),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_email_bidx_key').on(t.emailBlindIndex),
    uniqueIndex('users_username_key').on(sql`lower(${t.username})`),
    check('users_username_format', sql`${t.username} IS NULL OR ${t.username} ~ '^[A-Za-z0-9_.-]{3,32}$'`),
    check('users_locale_known', sql`${t.locale} IS NULL OR ${t.locale} IN ('ko', 'en')`),
  ],
);

/** A role a user holds in one product (`shop`/`buyer`, `shop`/`clerk`, …). */
export const userRoles = coreSchema.table(
  'user_roles',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    product: text('product').notNull(),
    role: text('role').notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.product, t.role] }), index('user_roles_product_role_idx').on(t.product, t.role)],
);

/** Rotating refresh tokens, stored as SHA-256 hashes; one family per login. */
export const refreshTokens = coreSchema.table(
  'refresh_tokens',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    familyId: uuid('family_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('refresh_tokens_hash_key').on(t.tokenHash),
    index('refresh_tokens_family_idx').on(t.familyId),
    index('refresh_tokens_user_idx').on(t.userId),
  ],
);

/** Single-use tokens for email verification and password reset, stored hashed. */
export const oneTimeTokens = coreSchema.table(
  'one_time_tokens',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose').notNull(),
    tokenHash: text('token_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('one_time_tokens_hash_key').on(t.tokenHash),
    index('one_time_tokens_user_idx').on(t.userId, t.purpose),
    check('one_time_tokens_purpose', sql`${t.purpose} IN ('verify_email', 'reset_password')`),
  ],
);

/**
 * Fixed-window attempt counters (sign-in failures per account and per client address …), shared by every instance.
 * Keys are blind indexes: no address or email is stored.
 */
export const rateLimits = coreSchema.table(
  'rate_limits',
  {
    key: text('key').primaryKey(),
    count: integer('count').notNull(),
    resetAt: timestamp('reset_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('rate_limits_reset_at_idx').on(t.resetAt)],
);
