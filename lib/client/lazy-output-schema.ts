/**
 * @module
 * The output-schema checks of `McpClient`: with the engine it is given, at once; without one,
 * with the default engine (`@cfworker/json-schema`), fetched by `import()` the first time a
 * result needs it — a bundle whose tools have no `outputSchema` never loads it, and a bundler
 * that splits code puts it in its own chunk.
 */
import { defer, from, map, type Observable, of } from 'rxjs';
import { McpError } from '../protocol/errors.js';
import type { JsonSchemaValidator } from '../schema/json-schema-validator.js';
import { OutputSchemaChecks } from './output-schema-checks.js';

/** The default engine once loaded: from then on every client checks synchronously. */
let defaultEngine: JsonSchemaValidator | undefined;
let loadingDefault: Promise<JsonSchemaValidator> | undefined;

/** Loads the default engine once (again after a failed load). */
function loadDefaultEngine(): Promise<JsonSchemaValidator> {
  loadingDefault ??= import('../schema/interpreted-validator.js').then(
    (module) => (defaultEngine = module.interpretedJsonSchemaValidator),
    (error: unknown) => {
      loadingDefault = undefined;
      throw new McpError('transport', `The JSON Schema engine for outputSchema could not be loaded: ${String(error)}`, {
        cause: error,
      });
    },
  );
  return loadingDefault;
}

/**
 * Output-schema checks whose engine may still have to be loaded.
 *
 * @example
 * const checks = new LazyOutputSchemaChecks(); // the default engine, loaded on first need
 * checks.ready().subscribe((ready) => ready.check('weather', tool.outputSchema, structured));
 */
export class LazyOutputSchemaChecks {
  private checks: OutputSchemaChecks | undefined;

  /** @param engine the JSON Schema engine. @defaultValue `defaultJsonSchemaValidator`, loaded on first need */
  constructor(engine?: JsonSchemaValidator) {
    if (engine !== undefined) this.checks = new OutputSchemaChecks(engine);
  }

  /** The checks if their engine is here (given, or the default already loaded), else `undefined`. */
  now(): OutputSchemaChecks | undefined {
    if (this.checks === undefined && defaultEngine !== undefined) this.checks = new OutputSchemaChecks(defaultEngine);
    return this.checks;
  }

  /**
   * The checks, synchronously when their engine is here, else once the default engine has
   * loaded; fails with an `McpError` of kind `'transport'` when it cannot be loaded.
   */
  ready(): Observable<OutputSchemaChecks> {
    return defer(() => {
      const checks = this.now();
      return checks !== undefined ? of(checks) : from(loadDefaultEngine()).pipe(map(() => this.now()!));
    });
  }
}
