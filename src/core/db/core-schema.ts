import { pgSchema } from 'drizzle-orm/pg-core';

/** The core's own PostgreSQL schema; products own theirs and may point foreign keys here. */
export const coreSchema = pgSchema('core');
