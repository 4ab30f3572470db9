import type { JsonSchema } from '../../apps/monitor/src/push/push-json-schemas';

/**
 * A small JSON Schema checker for the keywords docs/schemas/ uses (no validator package is
 * installed). Written from the JSON Schema 2020-12 validation spec, not from our zod code, so
 * it checks the documents as a client in another language would read them.
 */
export function validateJson(schema: JsonSchema, value: unknown, path = '$'): string[] {
  const errors: string[] = [];
  const fail = (message: string) => errors.push(`${path}: ${message}`);
  if (schema.anyOf) {
    const ok = schema.anyOf.some((option) => validateJson(option, value, path).length === 0);
    if (!ok) fail(`matches none of ${schema.anyOf.length} alternatives`);
    return errors;
  }
  if (schema.const !== undefined && value !== schema.const)
    fail(`must be ${JSON.stringify(schema.const)}`);
  if (schema.enum && !schema.enum.includes(value as string))
    fail(`must be one of ${schema.enum.join(', ')}`);
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!types.some((type) => hasType(type, value))) {
      fail(`must be ${types.join(' or ')}, got ${value === null ? 'null' : typeof value}`);
      return errors;
    }
  }
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength)
      fail(`shorter than ${schema.minLength}`);
    if (schema.maxLength !== undefined && value.length > schema.maxLength)
      fail(`longer than ${schema.maxLength}`);
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value))
      fail(`does not match ${schema.pattern}`);
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) fail(`below ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) fail(`above ${schema.maximum}`);
    if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum)
      fail(`not above ${schema.exclusiveMinimum}`);
    if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum)
      fail(`not below ${schema.exclusiveMaximum}`);
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems)
      fail(`fewer than ${schema.minItems} items`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems)
      fail(`more than ${schema.maxItems} items`);
    if (schema.items)
      value.forEach((item, i) =>
        errors.push(...validateJson(schema.items as JsonSchema, item, `${path}[${i}]`)),
      );
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    for (const key of schema.required ?? [])
      if (!(key in record)) fail(`missing required "${key}"`);
    for (const [key, item] of Object.entries(record)) {
      if (schema.propertyNames)
        errors.push(...validateJson(schema.propertyNames, key, `${path}{${key}}`));
      const property = schema.properties?.[key];
      if (property) errors.push(...validateJson(property, item, `${path}.${key}`));
      else if (schema.additionalProperties === false) fail(`unexpected property "${key}"`);
      else if (typeof schema.additionalProperties === 'object') {
        errors.push(...validateJson(schema.additionalProperties, item, `${path}.${key}`));
      }
    }
  }
  return errors;
}

function hasType(type: string, value: unknown): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'array':
      return Array.isArray(value);
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value);
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    default:
      return typeof value === type;
  }
}
