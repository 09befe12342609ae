import { Logger } from '@nestjs/common';
import type { RoutingEvent, RoutingListener } from './routing-events';

/** Fans routing events out to listeners; a listener that throws never fails the call being routed. */
export class RoutingEventBus {
  private readonly listeners = new Set<RoutingListener>();
  private readonly logger = new Logger('Routing');

  add(listener: RoutingListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: RoutingEvent): void {
    for (const listener of this.listeners) {
      try {
        listener.onRoutingEvent(event);
      } catch (error) {
        this.logger.warn(`routing listener failed on ${event.type}: ${(error as Error).message}`);
      }
    }
  }
}
