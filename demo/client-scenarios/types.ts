/**
 * One conformance client scenario: given the server URL the suite started, do the scenario's work
 * with McpClient and resolve with something printable; reject (or throw) to fail the scenario.
 */
export type ClientScenario = (url: URL) => Promise<unknown>;
