import { AuditQueryError } from '@verosek/audit';
import { GatewayError } from '@verosek/protocol';

/** Runs a query-string parser; a bad parameter becomes a 400 naming it. */
export function parseQueryParams<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof AuditQueryError) throw GatewayError.invalid(error.message, error.param);
    throw error;
  }
}
