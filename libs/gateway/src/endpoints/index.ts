export { ENDPOINT_PROVIDERS } from './endpoint-providers';
export { EndpointRunner, type EndpointCall, type StartedCall } from './shared/endpoint-runner';
export { EmbeddingsService, type EmbeddingHints } from './embeddings/embeddings.service';
export { ModerationsService } from './moderations/moderations.service';
export { SHIELD_MODERATION_MODEL } from './moderations/shield-moderation';
export { GenerationService } from './generation/generation.service';
export { responsesSurface } from './responses/responses-surface';
export { completionsSurface } from './completions/completions-surface';
