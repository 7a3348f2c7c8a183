import { createRequire } from 'node:module';

type ValidatorCompile = (route: { schema: unknown; method: string; url: string; httpPart?: string }) => unknown;
type ValidatorBuilder = (externalSchemas: unknown, options: { customOptions?: Record<string, unknown> }) => ValidatorCompile;

/**
 * Fastify's `schemaController.compilersFactory.buildValidator`: query strings, path parameters and headers arrive as
 * text and are converted to the schema's types, but a JSON body is taken as sent: `{"name": 5}` is a 400, not "5".
 */
export function typedBodyValidatorBuilder(): ValidatorBuilder {
  // Fastify's own validator compiler, resolved from Fastify's dependencies.
  const fromFastify = createRequire(createRequire(import.meta.url).resolve('fastify'));
  const { AjvCompiler } = fromFastify('@fastify/ajv-compiler') as { AjvCompiler: () => ValidatorBuilder };
  const pool = AjvCompiler();
  return (externalSchemas, options) => {
    const converting = pool(externalSchemas, options);
    const exact = pool(externalSchemas, { ...options, customOptions: { ...options.customOptions, coerceTypes: false } });
    return (route) => (route.httpPart === 'body' ? exact(route) : converting(route));
  };
}
