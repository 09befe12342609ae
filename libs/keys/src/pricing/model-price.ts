/** USD per million tokens. */
export interface ModelPrice {
  input: number;
  output: number;
  /** Input tokens read from the provider's prompt cache; `input` when absent. */
  cachedInput?: number;
  /** Input tokens written to the prompt cache (Anthropic); `input` when absent. */
  cacheWriteInput?: number;
}
