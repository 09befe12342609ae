export * from './shield-classifier-job';
export { CLASSIFIER_POLICY } from './classifier-policy.provider';
export { MAX_JOB_CHARS, SHIELD_SAMPLER, ShieldClassifierProducer } from './shield-classifier.producer';
export { KeySuspension, SUSPENSION_WINDOW_MS, type SuspensionOutcome } from './key-suspension';
export {
  DEFAULT_SHIELD_WORKER_OPTIONS,
  SHIELD_WORKER_OPTIONS,
  ShieldClassifierWorker,
  type ShieldClassifierVerdict,
  type ShieldWorkerOptions,
} from './shield-classifier.worker';
export { ShieldClassifierProducerModule } from './shield-classifier-producer.module';
export { ShieldWorkerModule } from './shield-worker.module';
