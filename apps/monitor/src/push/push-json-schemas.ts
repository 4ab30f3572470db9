import { z } from 'zod';
import {
  ackMessageSchema,
  pingMessageSchema,
  subscribeMessageSchema,
  type ServerMessageType,
} from './push-protocol';
import { serverEnvelopeSchema } from './push-server-messages';

/** The JSON Schema (draft 2020-12) keywords the push protocol's documents use. */
export interface JsonSchema {
  $schema?: string;
  $id?: string;
  title?: string;
  description?: string;
  type?: JsonSchemaType | JsonSchemaType[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
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

const KEYWORDS: ReadonlySet<string> = new Set<keyof JsonSchema>([
  '$schema',
  '$id',
  'title',
  'description',
  'type',
  'properties',
  'required',
  'additionalProperties',
  'propertyNames',
  'items',
  'minItems',
  'maxItems',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'enum',
  'const',
  'anyOf',
]);

/**
 * zod's own JSON Schema of a message, held to the keywords above: a schema change that needs
 * another keyword ($ref, oneOf, format…) fails here instead of slipping past the clients'
 * validators (and the one in test/wallboard) unread.
 */
function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  const out = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    unrepresentable: 'throw',
    cycles: 'throw',
    reused: 'inline',
  });
  assertKnownKeywords(out, '$');
  return out as JsonSchema;
}

function assertKnownKeywords(schema: unknown, path: string): void {
  if (typeof schema !== 'object' || schema === null) return;
  const entries = Object.entries(schema as Record<string, unknown>);
  for (const [keyword, value] of entries) {
    if (!KEYWORDS.has(keyword))
      throw new Error(`push JSON Schema: keyword ${keyword} at ${path} is not one the docs use`);
    if (keyword === 'properties')
      for (const [name, property] of Object.entries(value as Record<string, unknown>))
        assertKnownKeywords(property, `${path}.${name}`);
    else if (keyword === 'anyOf')
      (value as unknown[]).forEach((option, i) => assertKnownKeywords(option, `${path}|${i}`));
    else if (
      keyword === 'items' ||
      keyword === 'additionalProperties' ||
      keyword === 'propertyNames'
    )
      assertKnownKeywords(value, `${path}.${keyword}`);
  }
}

const SERVER_TYPES: readonly ServerMessageType[] = [
  'hello',
  'snapshot',
  'update',
  'alarm',
  'link',
  'pong',
  'error',
  'bye',
];

const DESCRIPTIONS: Readonly<Record<string, string>> = {
  'client.subscribe':
    'Client → server: choose views, queue/line filter and period; lastSeq when resuming.',
  'client.ping': 'Client → server: application-level ping; answered with pong.',
  'client.ack':
    'Client → server (leader or admin): acknowledge an active alarm; broadcast as an alarm message.',
  'server.hello':
    'Server → client, first message of every connection: role, allowed views, cadence.',
  'server.snapshot':
    'Server → client: the full state of a subscription (after subscribe or resume).',
  'server.update':
    'Server → client, every cadence and soon after call events: the sections that changed.',
  'server.alarm':
    'Server → client (alarms view): an alarm raised, escalated, acknowledged or cleared, sent at once.',
  'server.link': 'Server → client: the PBX link went up or down, sent at once.',
  'server.pong': 'Server → client: the answer to ping.',
  'server.error':
    'Server → client: a refused or invalid client message; the connection stays usable.',
  'server.bye': 'Server → client: the reason, just before the server closes the connection.',
};

/** File name (docs/schemas/<name>.schema.json) → JSON Schema of one message. */
export function pushJsonSchemas(): Record<string, JsonSchema> {
  const entries: [string, z.ZodType][] = [
    ['client.subscribe', subscribeMessageSchema],
    ['client.ping', pingMessageSchema],
    ['client.ack', ackMessageSchema],
    ...SERVER_TYPES.map((type): [string, z.ZodType] => [
      `server.${type}`,
      serverEnvelopeSchema(type),
    ]),
  ];
  const out: Record<string, JsonSchema> = {};
  for (const [name, schema] of entries) {
    out[name] = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: `https://hotline-monitor.local/schemas/${name}.schema.json`,
      title: name,
      description: DESCRIPTIONS[name],
      ...jsonSchemaOf(schema),
    };
  }
  return out;
}
