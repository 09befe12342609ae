import { GoogleGenAI } from '@google/genai';

/**
 * The Gemini SDK pointed at a gateway. Its own fetch is wrapped so jest's module sandbox does not
 * swap the global for one the SDK cannot use.
 */
export function geminiClient(gatewayUrl: string, apiKey: string): GoogleGenAI {
  const httpOptions = {
    baseUrl: gatewayUrl,
    fetch: (input: Parameters<typeof fetch>[0], init?: RequestInit) => fetch(input, init),
  };
  return new GoogleGenAI({ apiKey, httpOptions: httpOptions as never });
}
