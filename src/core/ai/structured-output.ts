import { Ajv, type ValidateFunction } from 'ajv';
import { AppError } from '../http/errors.js';

const ajv = new Ajv({ allErrors: true, strict: false });
const compiled = new WeakMap<object, ValidateFunction>();

function validatorFor(schema: Record<string, unknown>): ValidateFunction {
  let v = compiled.get(schema);
  if (!v) {
    try {
      v = ajv.compile(schema);
    } catch (err) {
      throw new AppError('ai.invalid_schema', 400, `jsonSchema is not a valid JSON schema: ${(err as Error).message}`);
    }
    compiled.set(schema, v);
  }
  return v;
}

/** Checks a schema compiles before any AI call is made. */
export function assertValidSchema(schema: Record<string, unknown>): void {
  validatorFor(schema);
}

/** Parses a model's reply as JSON (tolerating a ```json fence) and validates it; a mismatch is `ai.invalid_output` (502). */
export function parseStructuredOutput(text: string, schema: Record<string, unknown>): unknown {
  const fenced = /^\s*```(?:json)?\s*([\s\S]*?)\s*```\s*$/i.exec(text);
  const body = fenced ? fenced[1]! : text;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw new AppError('ai.invalid_output', 502, 'the model did not answer with JSON');
  }
  const validate = validatorFor(schema);
  if (!validate(value)) {
    const first = validate.errors?.[0];
    throw new AppError(
      'ai.invalid_output',
      502,
      `the model's JSON does not match the schema: ${first?.instancePath || '/'} ${first?.message ?? ''}`.trim(),
    );
  }
  return value;
}
