export * from './metrics.service';
export { MetricsModule } from './metrics.module';
export { serveClusterMetrics } from './cluster-metrics';
