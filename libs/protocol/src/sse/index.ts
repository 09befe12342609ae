export { SseParser, type SseEvent } from './sse-parser';
export { serializeSse, serializeSseComment, type SseWriteOptions } from './sse-serializer';
export { JsonArrayStreamParser } from './json-array-parser';
