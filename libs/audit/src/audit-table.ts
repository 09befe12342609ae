/** The table the writer fills and the admin API reads (entity and migration in @verosek/persistence). */
export const AUDIT_TABLE = 'audit_events';
