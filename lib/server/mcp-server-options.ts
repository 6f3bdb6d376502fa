/**
 * @module
 * The options of `McpServer`, and the part of them that processes serving one server share.
 */
import type { Observable, SchedulerLike } from 'rxjs';
import type { CacheHints } from '../protocol/modern.js';
import type { ServerCapabilities } from '../protocol/lifecycle.js';
import type { LoggingLevel } from '../protocol/logging.js';
import type { JsonSchemaValidator } from '../schema/json-schema-validator.js';
import type { Limits } from './limits.js';
import type { EventBus, ServerEvent } from './modern/event-bus.js';
import type { RequestStateOptions } from './modern/request-state.js';
import type { SharedTasks } from './tasks/task-bus.js';
import type { TaskRunnerOptions } from './tasks/task-runner.js';

/** Options of `McpServer`. */
export interface McpServerOptions {
  /** Instructions for the model, sent in the `initialize` result. */
  instructions?: string;
  /** Where the list_changed window and every session's request timeouts run. @defaultValue `asyncScheduler` */
  scheduler?: SchedulerLike;
  /** Coalescing window of `notifications/…/list_changed`, in milliseconds. @defaultValue 10 */
  listChangedDelay?: number;
  /** Items per page of `tools/list`, `resources/list`, `resources/templates/list` and `prompts/list`. @defaultValue 100 */
  pageSize?: number;
  /**
   * Log threshold of a session before its client sends `logging/setLevel` (the spec leaves it to
   * the server). @defaultValue `'debug'` (everything, as the official SDKs do)
   */
  logLevel?: LoggingLevel;
  /** Timeout of server→client requests (`ctx.sample` & co.), in milliseconds. @defaultValue 60 000 */
  timeout?: number;
  /** Capabilities announced on top of those derived from what is registered. */
  capabilities?: ServerCapabilities;
  /** Protocol revisions accepted, newest first. @defaultValue every supported revision */
  protocolVersions?: readonly string[];
  /** Sealing of MRTR `requestState` on 2026-07-28 requests (keys, TTL, audience). */
  requestState?: RequestStateOptions;
  /**
   * Where list changes and resource updates meet the `subscriptions/listen` streams; share one
   * between processes to serve one logical server from many. @defaultValue an in-memory bus
   */
  eventBus?: EventBus;
  /** Caching hints of cacheable results when an entry sets none. @defaultValue `{ ttlMs: 60 000, cacheScope: 'public' }` */
  cacheHints?: Partial<CacheHints>;
  /**
   * The engine that validates tools' raw JSON Schemas (zod schemas validate themselves).
   * `ajvJsonSchemaValidator()` is faster where code generation is allowed.
   * @defaultValue `defaultJsonSchemaValidator` (interprets schemas; runs on Workers and under a CSP)
   */
  jsonSchemaValidator?: JsonSchemaValidator;
  /**
   * Resource limits: in-flight requests per session here; sessions, message sizes, queues and
   * read timeouts in every host serving this server (`serveMcp`, the routers, WebSocket, stdio).
   *
   * @defaultValue `DEFAULT_LIMITS`
   */
  limits?: Limits;
  /**
   * Tasks of task-supporting tools (`execution.taskSupport`): where they are stored, how long they
   * are kept and the polling interval suggested. @defaultValue an in-memory store, one hour, 500 ms
   */
  tasks?: Partial<Omit<TaskRunnerOptions, 'scheduler'>>;
}

/** What `McpServer.useSharedState` takes: the parts of the options that processes share. */
export interface SharedServerState extends Pick<McpServerOptions, 'eventBus' | 'requestState'> {
  /** The events published by other processes (and only those), for this process's 2025 sessions. */
  remoteEvents$?: Observable<ServerEvent>;
  /**
   * Where the server's tasks live and how its processes reach each other's tasks. The store
   * replaces the default in-memory one only (a store given in the `tasks` option stays).
   */
  tasks?: SharedTasks;
}
