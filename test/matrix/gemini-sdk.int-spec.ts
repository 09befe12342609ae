import { geminiDriver } from './drivers/gemini-driver';
import { runMatrix } from './support/suite';

runMatrix(geminiDriver);
