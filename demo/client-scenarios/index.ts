/**
 * Every client scenario `demo/everything-client.ts` knows, by the conformance suite's name. Each
 * group lives in its own file; `spec/conformance/run.ts` runs every name listed here.
 */
import { authScenarios } from './auth.js';
import { coreScenarios } from './core.js';
import { skillsScenarios } from './skills.js';
import { modernScenarios } from './modern.js';
import type { ClientScenario } from './types.js';

export type { ClientScenario } from './types.js';

export const clientScenarios: Record<string, ClientScenario> = {
  ...coreScenarios,
  ...authScenarios,
  ...skillsScenarios,
  ...modernScenarios,
};
