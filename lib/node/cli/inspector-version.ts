/**
 * @module
 * Which MCP Inspector release `rxmcp dev` runs: the newest one whose `engines.node` accepts the
 * user's Node (from `npm view @modelcontextprotocol/inspector engines`).
 */

/** Inspector releases by the oldest Node they run on, newest first. */
const RELEASES: ReadonlyArray<{ minNode: readonly [number, number, number]; version: string }> = [
  { minNode: [22, 19, 0], version: 'latest' }, // 2.x and late 0.x/1.x: engines ">=22.19.0"
  { minNode: [22, 7, 5], version: '0.16.7' }, // 0.16.0 – 0.16.7: engines ">=22.7.5"
  { minNode: [0, 0, 0], version: '0.15.0' }, // the last release without a Node engines limit
];

/**
 * The `@modelcontextprotocol/inspector` version (an npm tag or version) for a Node version.
 *
 * @example
 * inspectorVersionFor('v20.19.0'); // '0.15.0'
 */
export function inspectorVersionFor(nodeVersion: string = process.version): string {
  const [major = 0, minor = 0, patch = 0] = nodeVersion.replace(/^v/, '').split('.').map(Number);
  const atLeast = ([a, b, c]: readonly [number, number, number]) =>
    major !== a ? major > a : minor !== b ? minor > b : patch >= c;
  return RELEASES.find((release) => atLeast(release.minNode))!.version;
}
