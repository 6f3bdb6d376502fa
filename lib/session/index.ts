/**
 * @module
 * The session engine: JSON-RPC correlation, dispatch, timeouts, progress and cancellation, plus
 * the client and server roles.
 */
export { createSession, handlerEntry } from './session.js';
export type { Session, SessionOptions } from './session.js';
export { createClientSession } from './client-session.js';
export type { ClientSession, ClientSessionOptions } from './client-session.js';
export { createServerSession } from './server-session.js';
export type {
  ServerSession,
  ServerSessionHooks,
  ServerSessionOptions,
  ServerSessionSnapshot,
} from './server-session.js';
export { ofMethod } from './of-method.js';
export type { NotificationOf } from './of-method.js';
export type { HandlerEntry, ParamsValidator } from './incoming-request.js';
export type {
  HandlerContext,
  HandlerEvent,
  NotificationEvent,
  ProgressEvent,
  RequestEvent,
  RequestHandler,
  RequestOptions,
  ResultEvent,
} from './session-api.js';
