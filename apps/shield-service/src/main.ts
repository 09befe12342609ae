import 'reflect-metadata';
import { bootstrapShieldService } from './bootstrap';

void bootstrapShieldService().catch((err: Error) => {
  // Config and env errors name the file and field; print them plainly, without a stack.
  console.error(`verosek shield-service: ${err.message}`);
  process.exit(1);
});
