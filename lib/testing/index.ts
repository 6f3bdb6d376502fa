/**
 * @module
 * `rxmcp/testing`: helpers for marble-testing code built on rxmcp.
 */
export { createMcpTestScheduler, deepEqual, normalizeErrors } from './test-scheduler.js';
export { createFakeTransport } from './fake-transport.js';
export type { FakeTransport } from './fake-transport.js';
export { errorResponse, notification, request, result } from './messages.js';
export { chaos } from './chaos.js';
export type { ChaosFault, ChaosOptions } from './chaos.js';
export { createChaosTransport } from './chaos-transport.js';
export type { ChaosTransportFault, ChaosTransportOptions } from './chaos-transport.js';
export { seededRandom } from './seeded-random.js';
