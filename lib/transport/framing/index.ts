/**
 * @module
 * Newline-delimited JSON framing, the wire format of the stdio transport. Isomorphic: byte
 * chunks are `Uint8Array`s and text is decoded with `TextDecoder`, so it runs anywhere.
 */
export { decodeMessages } from './decode-messages.js';
export { encodeMessage } from './encode-message.js';
export { ndjson, type NdjsonOptions } from './ndjson.js';
export { DEFAULT_MAX_LINE_BYTES, splitLines, type SplitLinesOptions } from './split-lines.js';
