// Route schemas compiled when first needed instead of all at start. Compiling every route's request validators
// (Ajv) and response serializers (fast-json-stringify) used to be the largest part of starting the server, about
// two seconds of CPU for a few hundred routes. Each route now gets a function that compiles its schema on its first
// call. Routes never called are never compiled: compiling them all held about 22 MB more heap for nothing.
// `compilePendingSchemas` compiles the rest, for the test that every route's schema compiles.
import { createRequire } from 'node:module';
import type { Ajv } from 'ajv';

type Compile = () => void;
const pending = new Set<Compile>();

/** An Ajv plugin (Fastify's `ajv.plugins`): `ajv.compile` returns a validator that compiles on its first call. */
export function lazyAjvCompile(ajv: Ajv): Ajv {
  // Shared schemas (addSchema) are checked against the JSON Schema meta-schema later too: compiling the
  // meta-schema costs each Ajv instance about a hundred milliseconds.
  const addSchema = ajv.addSchema.bind(ajv);
  ajv.addSchema = ((schema: object, key?: string, meta?: boolean, validateSchema?: boolean) => {
    if (validateSchema === undefined && !meta && !Array.isArray(schema)) {
      const check = () => {
        pending.delete(check);
        ajv.validateSchema(schema, true);
      };
      pending.add(check);
      return addSchema(schema, key, meta, false);
    }
    return addSchema(schema, key, meta, validateSchema);
  }) as typeof ajv.addSchema;
  const compile = ajv.compile.bind(ajv);
  ajv.compile = ((schema: { $id?: string }) => {
    let validate: ReturnType<typeof compile> | undefined;
    const build = () => {
      if (validate) return validate;
      pending.delete(build);
      // Two routes may share a schema with an $id; Ajv keeps one compiled copy per id.
      validate = (schema.$id ? ajv.getSchema(schema.$id) : undefined) ?? compile(schema);
      return validate;
    };
    pending.add(build);
    const lazy = function (this: unknown, data: unknown) {
      const fn = build();
      const result = fn.call(this, data);
      lazy.errors = fn.errors;
      return result;
    } as ReturnType<typeof compile>;
    return lazy;
  }) as typeof ajv.compile;
  return ajv;
}

type SerializerCompile = (route: Record<string, unknown>) => (data: unknown) => string;
type SerializerBuilder = (externalSchemas: unknown, options: unknown) => SerializerCompile;

/** Fastify's `schemaController.compilersFactory.buildSerializer`: its default builder, compiling each route's serializer on first use. */
export function lazySerializerBuilder(): SerializerBuilder {
  // The builder Fastify uses by default, resolved from Fastify's own dependencies.
  const fromFastify = createRequire(createRequire(import.meta.url).resolve('fastify'));
  const { SerializerSelector } = fromFastify('@fastify/fast-json-stringify-compiler') as {
    SerializerSelector: () => SerializerBuilder;
  };
  const defaultBuilder = SerializerSelector();
  return (externalSchemas, options) => {
    const compile = defaultBuilder(externalSchemas, options);
    return (route) => {
      let serialize: ((data: unknown) => string) | undefined;
      const build = () => {
        if (!serialize) {
          pending.delete(build);
          serialize = compile(route);
        }
        return serialize;
      };
      pending.add(build);
      return (data) => build()(data);
    };
  };
}

/**
 * Compiles every schema not compiled yet, a few per turn of the event loop so requests are served in between.
 * Resolves with the errors met (a schema that does not compile also fails its route's requests with a 500).
 */
export async function compilePendingSchemas(perTurn = 5): Promise<Error[]> {
  const errors: Error[] = [];
  while (pending.size) {
    let n = 0;
    for (const build of pending) {
      pending.delete(build);
      try {
        build();
      } catch (err) {
        errors.push(err instanceof Error ? err : new Error(String(err)));
      }
      if (++n >= perTurn) break;
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  return errors;
}
