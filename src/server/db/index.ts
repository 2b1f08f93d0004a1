export type { Database, Orm, Queryable, Row, Schema } from './connection.js';
export { openDatabase, openPglite, openPostgres, redactUrl } from './connection.js';
export { compile, compiledRows, databaseErrorOf, jsonInt, prepared, sqlStateOf } from './queryable.js';
export { isMigrated, migrate, migrationsDir, readMigrations } from './migrate.js';
export type { MigrateResult, Migration } from './migrate.js';
export * as schema from './schema.js';
