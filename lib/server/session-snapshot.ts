/**
 * @module
 * What a 2025 session is, apart from its open streams and in-flight calls: enough to serve it in
 * another process, without a new `initialize`, once the process that held it is gone.
 */
import * as z from 'zod/mini';
import { InitializeRequestParamsSchema } from '../protocol/lifecycle.js';
import { LoggingLevelSchema, type LoggingLevel } from '../protocol/logging.js';
import type { ServerSessionSnapshot } from '../session/server-session.js';

/**
 * The state of one session: what the client said in `initialize`, the revision negotiated,
 * whether it sent `notifications/initialized`, the level set by `logging/setLevel` and the URIs
 * of its `resources/subscribe`. Plain JSON.
 */
export interface SessionSnapshot extends ServerSessionSnapshot {
  readonly logLevel?: LoggingLevel;
  readonly subscriptions?: readonly string[];
}

const SessionSnapshotSchema = z.object({
  client: InitializeRequestParamsSchema,
  protocolVersion: z.string(),
  initialized: z.boolean(),
  logLevel: z.optional(LoggingLevelSchema),
  subscriptions: z.optional(z.array(z.string())),
});

/**
 * A snapshot read back from storage, checked: `undefined` when `value` is not one (a store of
 * another version, a damaged entry), so the session is treated as unknown.
 *
 * @example
 * const snapshot = parseSessionSnapshot(JSON.parse(text));
 * if (snapshot) server.connect(transport, { restore: snapshot });
 */
export function parseSessionSnapshot(value: unknown): SessionSnapshot | undefined {
  const parsed = SessionSnapshotSchema.safeParse(value);
  return parsed.success ? (parsed.data as SessionSnapshot) : undefined;
}

/**
 * Where a Streamable HTTP endpoint keeps the state of its sessions, so that another process can
 * serve a session whose process is gone (`rxmcp/redis` has one on Redis). The endpoint saves a
 * session at `initialize` and after each change, touches it on activity, deletes it when the
 * session ends (DELETE, idle timeout; not when the endpoint itself closes), and loads it when a
 * request names a session it does not hold. Any method may answer with a promise.
 *
 * @example
 * const snapshots = new Map<string, SessionSnapshot>();
 * const store: SessionStore = {
 *   save: (id, snapshot) => void snapshots.set(id, snapshot),
 *   load: (id) => snapshots.get(id),
 *   delete: (id) => void snapshots.delete(id),
 * };
 * createStreamableHttpEndpoint(server, { sessionStore: store });
 */
export interface SessionStore {
  /** Records the state of session `id` (at `initialize`, then after each change). */
  save(id: string, snapshot: SessionSnapshot): void | Promise<void>;
  /** The state of session `id`, to serve it here; `undefined` when it is unknown or not this process's to serve. */
  load(id: string): SessionSnapshot | undefined | Promise<SessionSnapshot | undefined>;
  /** Forgets session `id`, which has ended. */
  delete(id: string): void | Promise<void>;
  /** Session `id` was used (a store with expiry pushes it back). */
  touch?(id: string): void;
}
