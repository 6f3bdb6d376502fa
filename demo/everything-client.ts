/**
 * The client the official conformance suites drive:
 * `npx tsx demo/everything-client.ts <server-url>` with the scenario in `MCP_CONFORMANCE_SCENARIO`.
 * Each scenario (in `demo/client-scenarios/`) is a few lines of McpClient; the process exits 0 when
 * the scenario's work succeeded.
 */
import { clientScenarios } from './client-scenarios/index.js';

const url = new URL(process.argv[process.argv.length - 1]!);
const scenario = process.env['MCP_CONFORMANCE_SCENARIO'] ?? 'initialize';

async function run(): Promise<number> {
  const work = clientScenarios[scenario];
  if (!work) {
    process.stderr.write(`everything-client: unknown scenario ${scenario}\n`);
    return 1;
  }
  const result = await work(url);
  process.stdout.write(`${scenario}: ${JSON.stringify(result)}\n`);
  return 0;
}

run().then(
  (code) => (process.exitCode = code),
  (error: Error) => {
    process.stderr.write(`everything-client: ${scenario} failed: ${error.message}\n`);
    process.exitCode = 1;
  },
);
