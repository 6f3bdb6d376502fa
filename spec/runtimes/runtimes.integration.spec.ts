// The everything server served through createMcpFetchHandler by each runtime (Node, Deno, Bun,
// workerd), each from the npm registry, checked by the official SDK client's battery (tools,
// progress, resources, prompts, the session) over Streamable HTTP.
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { createBatteryClient, everythingBattery } from '../everything/battery.js';
import { spawnServing, type ServingChild } from '../support/serving-child.js';
import { bundleFor, ROOT, RUNTIMES, runtimesProblem } from './runtimes.js';

const STARTUP_MS = 120_000;

describe.each(RUNTIMES.map((runtime) => [runtime.name, runtime] as const))(
  'the everything server on %s, through createMcpFetchHandler',
  (_name, runtime) => {
    let served: ServingChild | undefined;
    beforeAll(async () => {
      const problem = runtimesProblem();
      if (problem) throw new Error(problem);
      const [command, args] = runtime.command(await bundleFor(runtime));
      served = await spawnServing(command, args, ROOT);
    }, STARTUP_MS);
    afterAll(() => served?.stop());

    everythingBattery(async () => {
      if (!served) throw new Error(`${runtime.name} did not start`);
      const client = createBatteryClient();
      await client.connect(new StreamableHTTPClientTransport(new URL(`${served.url}/mcp`)));
      return client;
    });
  },
);
