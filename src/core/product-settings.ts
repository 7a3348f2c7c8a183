import type { Static, TObject } from 'typebox';
import { ConfigError, parseEnvironment } from '../config.js';

export { ConfigError };

/**
 * A product's own environment variables, all named `<PRODUCT>_…`, and the typed settings built from their values.
 * `build` may refuse a value the schema cannot judge by throwing a ConfigError naming the variable.
 */
export interface ProductSettings<S = unknown, T extends TObject = TObject> {
  schema: T;
  build(values: Static<T>): S;
}

export function defineSettings<T extends TObject, S>(schema: T, build: (values: Static<T>) => S): ProductSettings<S, T> {
  return { schema, build };
}

/** The settings read from the environment snapshot the configuration took at start, checked like the core's own. */
export function readProductSettings<S>(settings: ProductSettings<S>, environment: Readonly<Record<string, string | undefined>>): S {
  return settings.build(parseEnvironment(settings.schema, environment));
}
