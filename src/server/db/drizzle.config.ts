import { defineConfig } from 'drizzle-kit';

/** Generates the committed SQL migrations: `npm run db:generate` (drizzle-kit generate). */
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/server/db/schema.ts',
  out: './src/server/db/migrations',
});
