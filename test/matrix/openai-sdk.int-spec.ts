import { openaiDriver } from './drivers/openai-driver';
import { runMatrix } from './support/suite';

runMatrix(openaiDriver);
