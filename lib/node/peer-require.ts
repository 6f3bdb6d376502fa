/**
 * @module
 * `require` relative to this file, so optional peer packages resolve as rxmcp's own dependencies
 * would. (Kept alone because `import.meta` only parses in ES modules; the CommonJS build jest
 * runs maps this file to spec/support/peer-require.ts.)
 */
import { createRequire } from 'node:module';

/** Node's `require`, resolving from rxmcp's location. */
export const peerRequire: NodeJS.Require = createRequire(import.meta.url);
