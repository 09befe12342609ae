import { anthropicDriver } from './drivers/anthropic-driver';
import { runMatrix } from './support/suite';

runMatrix(anthropicDriver);
