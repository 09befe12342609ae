import { Injectable, Logger } from '@nestjs/common';
import type { AuditSink, CallRecord } from './audit-sink';

/** Logs call records; replaced by the BullMQ audit producer. */
@Injectable()
export class LogAuditSink implements AuditSink {
  private readonly logger = new Logger('audit');

  recordCall(record: CallRecord): void {
    this.logger.debug(record);
  }
}
