import type { UpstreamResponse } from '@verosek/providers';
import { readJson } from './endpoint-upstream';

/** A small upstream answer read whole: JSON parsed, anything else (text, srt, vtt) as text. */
export interface RelayedAnswer {
  contentType: string;
  body: unknown;
  json: boolean;
}

export async function readAnswer(answer: UpstreamResponse): Promise<RelayedAnswer> {
  const contentType = String(answer.headers['content-type'] ?? 'application/json');
  const json = contentType.includes('json');
  return { contentType, json, body: json ? await readJson(answer) : await answer.body.text() };
}
