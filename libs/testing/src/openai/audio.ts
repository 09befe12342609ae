import { buildCompletion } from '../fake/completion';
import type { MultipartBody } from '../fake/multipart';
import { jsonReply, type BodyReply } from '../fake/reply';
import type { FakeRequest } from '../fake/request';
import type { ScriptedAnswer } from '../fake/answer';
import { field } from './multipart-request';
import { newOpenAIToolCallId } from './chat-completions';
import { openaiHeaders } from './openai-errors';
import { jsonModelRoute, multipartModelRoute } from './openai-route';

const SPEECH_TYPES: Record<string, string> = {
  mp3: 'audio/mpeg',
  opus: 'audio/opus',
  aac: 'audio/aac',
  flac: 'audio/flac',
  wav: 'audio/wav',
  pcm: 'audio/pcm',
};

const SAMPLE_RATE = 24000;

/** `POST /v1/audio/speech`: binary audio whose length follows the input (silence; a real WAV header for wav). */
export const speechRoute = jsonModelRoute('/audio/speech', 'CreateSpeechRequest', (request) => {
  const body = request.body as { input: string; response_format?: string };
  const format = body.response_format ?? 'mp3';
  const samples = Math.max(SAMPLE_RATE / 10, body.input.length * 1200);
  const pcm = Buffer.alloc(samples * 2);
  const audio = format === 'wav' ? Buffer.concat([wavHeader(pcm.length), pcm]) : pcm;
  return {
    kind: 'body',
    status: 200,
    headers: { 'content-type': SPEECH_TYPES[format] ?? 'application/octet-stream', ...openaiHeaders() },
    body: audio,
  };
});

function wavHeader(dataBytes: number): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(SAMPLE_RATE, 24);
  header.writeUInt32LE(SAMPLE_RATE * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(dataBytes, 40);
  return header;
}

interface Segment {
  start: number;
  end: number;
  text: string;
}

/** Transcript text (scripted, else naming the upload) cut into timed segments of a few words. */
function transcript(
  request: FakeRequest,
  answer: ScriptedAnswer | undefined,
): { text: string; segments: Segment[]; duration: number } {
  const body = request.body as MultipartBody;
  const file = body.files.find((f) => f.field === 'file');
  const said = `the uploaded file ${file?.filename ?? 'audio'} of ${file?.size ?? 0} bytes`;
  const c = buildCompletion(
    answer,
    { lastUserText: said, promptText: said, model: field(body, 'model') ?? '', body: body.fields },
    {
      provider: 'OpenAI',
      newToolCallId: newOpenAIToolCallId,
    },
  );
  const words = c.text.split(/\s+/).filter(Boolean);
  const segments: Segment[] = [];
  for (let i = 0; i < words.length; i += 6) {
    segments.push({
      start: i * 0.4,
      end: Math.min(words.length, i + 6) * 0.4,
      text: words.slice(i, i + 6).join(' '),
    });
  }
  return { text: c.text, segments, duration: words.length * 0.4 };
}

function transcriptReply(
  request: FakeRequest,
  answer: ScriptedAnswer | undefined,
  task: 'transcribe' | 'translate',
): BodyReply {
  const body = request.body as MultipartBody;
  const { text, segments, duration } = transcript(request, answer);
  const format = field(body, 'response_format') ?? 'json';
  const plain = (content: string, type: string): BodyReply => ({
    kind: 'body',
    status: 200,
    headers: { 'content-type': type, ...openaiHeaders() },
    body: content,
  });
  switch (format) {
    case 'text':
      return plain(`${text}\n`, 'text/plain; charset=utf-8');
    case 'srt':
      return plain(
        segments
          .map((s, i) => `${i + 1}\n${timestamp(s.start, ',')} --> ${timestamp(s.end, ',')}\n${s.text}\n`)
          .join('\n'),
        'text/plain; charset=utf-8',
      );
    case 'vtt':
      return plain(
        `WEBVTT\n\n${segments.map((s) => `${timestamp(s.start, '.')} --> ${timestamp(s.end, '.')}\n${s.text}\n`).join('\n')}`,
        'text/plain; charset=utf-8',
      );
    case 'verbose_json':
      return jsonReply(
        200,
        {
          ...(task === 'transcribe' && { task }),
          language: field(body, 'language') ?? 'english',
          duration,
          text,
          segments: segments.map((s, id) => ({
            id,
            seek: 0,
            start: s.start,
            end: s.end,
            text: s.text,
            tokens: [50364, 50414],
            temperature: 0,
            avg_logprob: -0.2,
            compression_ratio: 1.2,
            no_speech_prob: 0.01,
          })),
          ...(task === 'transcribe' && { usage: { type: 'duration', seconds: Math.ceil(duration) } }),
        },
        openaiHeaders(),
      );
    default:
      return jsonReply(
        200,
        { text, ...(task === 'transcribe' && { usage: { type: 'duration', seconds: Math.ceil(duration) } }) },
        openaiHeaders(),
      );
  }
}

function timestamp(seconds: number, separator: string): string {
  const ms = Math.round(seconds * 1000);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(Math.floor(ms / 3600000))}:${pad(Math.floor(ms / 60000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}${separator}${pad(ms % 1000, 3)}`;
}

/** `POST /v1/audio/transcriptions` and `/v1/audio/translations` (multipart): json, text, srt, vtt, verbose_json. */
export const transcriptionsRoute = multipartModelRoute(
  '/audio/transcriptions',
  'CreateTranscriptionRequest',
  (request, answer) => transcriptReply(request, answer, 'transcribe'),
);
export const translationsRoute = multipartModelRoute(
  '/audio/translations',
  'CreateTranslationRequest',
  (request, answer) => transcriptReply(request, answer, 'translate'),
);
