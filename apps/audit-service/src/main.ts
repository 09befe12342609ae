import 'reflect-metadata';
import { bootstrapAuditService } from './bootstrap';

void bootstrapAuditService().catch((err: Error) => {
  // Config and env errors name the file and field; print them plainly, without a stack.
  console.error(`verosek audit-service: ${err.message}`);
  process.exit(1);
});
