import { EmbeddingsService } from './embeddings/embeddings.service';
import { AudioService } from './audio/audio.service';
import { ImagesService } from './images/images.service';
import { UploadRelay } from './multipart/upload-relay';
import { GenerationService } from './generation/generation.service';
import { ModerationsService } from './moderations/moderations.service';
import { EndpointRunner } from './shared/endpoint-runner';

/** The non-chat endpoints' services (GatewayModule provides and exports them). */
export const ENDPOINT_PROVIDERS = [
  EndpointRunner,
  EmbeddingsService,
  ModerationsService,
  GenerationService,
  UploadRelay,
  ImagesService,
  AudioService,
];
