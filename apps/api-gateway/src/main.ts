import 'reflect-metadata';
import { bootstrapGateway } from './bootstrap';

void bootstrapGateway().catch((err: Error) => {
  // Config and env errors name the file and field; print them plainly, without a stack.
  console.error(`verosek: ${err.message}`);
  process.exit(1);
});
