import type { IncomingMessage } from 'node:http';
import type { ScriptedAnswer, ScriptedError } from './answer';
import type { BodyReply, Reply } from './reply';
import type { FakeRequest } from './request';
import type { ValidationResult } from '../specs/validation';

export interface Route {
  method: 'GET' | 'POST';
  /** Matched against the path (no query); named groups become `params`. */
  path: RegExp;
  /** How the body is read: JSON, none, or by the route's own streaming parser. */
  body: 'json' | 'none' | ((req: IncomingMessage) => Promise<unknown>);
  /** Spec check of the request; a failure answers 400 in the provider's format. */
  validate?(request: FakeRequest): ValidationResult;
  /** Served without credentials (e.g. image URLs, which the real API hands out as public links). */
  public?: boolean;
  /** The model a model call is for; routes without it take no scripted answers or faults. */
  model?(request: FakeRequest): string;
  reply(request: FakeRequest, answer: ScriptedAnswer | undefined): Reply | Promise<Reply>;
}

/** What makes one provider's fake: its routes, its auth rule and its error format. */
export interface FakeProvider {
  readonly name: string;
  /** Appended to `http://127.0.0.1:<port>` for `baseUrl` (`/v1` for OpenAI). */
  readonly basePath: string;
  readonly routes: Route[];
  /** An error reply if the request's credentials are missing or wrong. */
  authenticate(request: FakeRequest): BodyReply | null;
  /** The provider's error response for a status (and optional type/message). */
  errorReply(error: ScriptedError): BodyReply;
  /** 400 for a body the spec rejects, naming where. */
  invalidRequestReply(errors: string[]): BodyReply;
  /** Answer for a path no route serves. */
  notFoundReply(method: string, path: string): BodyReply;
}
