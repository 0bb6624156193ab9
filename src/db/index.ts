export type { Database, DatabaseConfig } from './open.js';
export { openDatabase } from './open.js';
export type { QueryResult, Sql } from './types.js';
