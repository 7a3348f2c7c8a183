import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/core/db/core-schema.ts', './src/core/**/schema.ts', './src/products/*/schema.ts'],
  out: './migrations',
  schemaFilter: ['core', 'calls', 'chat', 'tutor', 'assist', 'interview'],
});
