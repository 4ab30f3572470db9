import type { z } from 'zod';
import { jsonSchemaFromZod, type JsonSchema } from './json-schema-from-zod';
import { pingMessageSchema, subscribeMessageSchema, type ServerMessageType } from './push-protocol';
import { serverEnvelopeSchema } from './push-server-messages';

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
  'server.hello':
    'Server → client, first message of every connection: role, allowed views, cadence.',
  'server.snapshot':
    'Server → client: the full state of a subscription (after subscribe or resume).',
  'server.update':
    'Server → client, every cadence and soon after call events: the sections that changed.',
  'server.alarm': 'Server → client (alarms view): an alarm raised or cleared, sent at once.',
  'server.link': 'Server → client: the PBX link went up or down, sent at once.',
  'server.pong': 'Server → client: the answer to ping.',
  'server.error':
    'Server → client: a refused or invalid client message; the connection stays usable.',
  'server.bye': 'Server → client: the reason, just before the server closes the connection.',
};

/** File name (docs/schemas/<name>.schema.json) → JSON Schema of one message. */
export function pushJsonSchemas(): Record<string, JsonSchema> {
  const entries: [string, z.ZodTypeAny][] = [
    ['client.subscribe', subscribeMessageSchema],
    ['client.ping', pingMessageSchema],
    ...SERVER_TYPES.map((type): [string, z.ZodTypeAny] => [
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
      ...jsonSchemaFromZod(schema),
    };
  }
  return out;
}
