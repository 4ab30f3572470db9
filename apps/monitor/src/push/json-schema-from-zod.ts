import { z } from 'zod';

/** The JSON Schema (draft 2020-12) subset the push protocol's zod schemas translate to. */
export interface JsonSchema {
  $schema?: string;
  $id?: string;
  title?: string;
  description?: string;
  type?:
    'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null' | JsonSchemaType[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  enum?: readonly (string | number | boolean | null)[];
  const?: string | number | boolean | null;
  anyOf?: JsonSchema[];
}
type JsonSchemaType = 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null';

/**
 * zod → JSON Schema for the kinds of schema push-protocol.ts and push-server-messages.ts use
 * (no package for it is installed; anything else throws, so a new kind cannot slip through).
 */
export function jsonSchemaFromZod(schema: z.ZodTypeAny): JsonSchema {
  const def = schema._def as { typeName: z.ZodFirstPartyTypeKind; description?: string };
  const out = convert(schema);
  if (def.description) out.description = def.description;
  return out;
}

function convert(schema: z.ZodTypeAny): JsonSchema {
  if (schema instanceof z.ZodObject) {
    const shape = schema.shape as Record<string, z.ZodTypeAny>;
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    for (const [key, value] of Object.entries(shape)) {
      properties[key] = jsonSchemaFromZod(value);
      if (!value.isOptional()) required.push(key);
    }
    const strict = (schema._def as { unknownKeys: string }).unknownKeys === 'strict';
    return { type: 'object', properties, required, additionalProperties: !strict };
  }
  if (schema instanceof z.ZodString) {
    const out: JsonSchema = { type: 'string' };
    for (const check of schema._def.checks) {
      if (check.kind === 'min') out.minLength = check.value;
      else if (check.kind === 'max') out.maxLength = check.value;
      else if (check.kind === 'regex') out.pattern = check.regex.source;
      else throw new Error(`json-schema-from-zod: unsupported string check ${check.kind}`);
    }
    return out;
  }
  if (schema instanceof z.ZodNumber) {
    const out: JsonSchema = { type: 'number' };
    for (const check of schema._def.checks) {
      if (check.kind === 'int') out.type = 'integer';
      else if (check.kind === 'min')
        out[check.inclusive ? 'minimum' : 'exclusiveMinimum'] = check.value;
      else if (check.kind === 'max')
        out[check.inclusive ? 'maximum' : 'exclusiveMaximum'] = check.value;
      else throw new Error(`json-schema-from-zod: unsupported number check ${check.kind}`);
    }
    return out;
  }
  if (schema instanceof z.ZodBoolean) return { type: 'boolean' };
  if (schema instanceof z.ZodLiteral)
    return { const: schema._def.value as string | number | boolean };
  if (schema instanceof z.ZodEnum) return { type: 'string', enum: schema._def.values as string[] };
  if (schema instanceof z.ZodArray) {
    const out: JsonSchema = {
      type: 'array',
      items: jsonSchemaFromZod(schema._def.type as z.ZodTypeAny),
    };
    if (schema._def.minLength) out.minItems = schema._def.minLength.value;
    if (schema._def.maxLength) out.maxItems = schema._def.maxLength.value;
    return out;
  }
  if (schema instanceof z.ZodOptional)
    return jsonSchemaFromZod(schema._def.innerType as z.ZodTypeAny);
  if (schema instanceof z.ZodNullable) {
    return { anyOf: [jsonSchemaFromZod(schema._def.innerType as z.ZodTypeAny), { type: 'null' }] };
  }
  if (schema instanceof z.ZodDiscriminatedUnion || schema instanceof z.ZodUnion) {
    const options = [...(schema._def.options as Iterable<z.ZodTypeAny>)];
    return { anyOf: options.map((o) => jsonSchemaFromZod(o)) };
  }
  if (schema instanceof z.ZodRecord) {
    return {
      type: 'object',
      additionalProperties: jsonSchemaFromZod(schema._def.valueType as z.ZodTypeAny),
    };
  }
  throw new Error(
    `json-schema-from-zod: unsupported zod type ${(schema._def as { typeName: string }).typeName}`,
  );
}
