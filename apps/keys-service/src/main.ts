import 'reflect-metadata';
import { bootstrapKeysService } from './bootstrap';

bootstrapKeysService().catch((err: Error) => {
  console.error(`keys-service failed to start: ${err.message}`);
  process.exit(1);
});
