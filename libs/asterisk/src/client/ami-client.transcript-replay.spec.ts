import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { AmiClient } from './ami-client';
import { AmiDecoder } from '../protocol';
import { FakeAmiServer, transcriptEventPart } from '../testing/fake-ami-server';
import { connectedClient } from '../testing/ami-client-test-kit';

const run1 = transcriptEventPart(
  gunzipSync(
    readFileSync(join(__dirname, '../../../../test/fixtures/asterisk/run1/run1.ami.raw.gz')),
  ),
);

function eventsInFile(raw: Buffer): string[] {
  const decoder = new AmiDecoder({ maxMessageBytes: 1_048_576 });
  const names: string[] = [];
  for (const result of decoder.push(raw))
    if (result.ok && result.message.event !== undefined) names.push(result.message.event);
  return names;
}

describe(AmiClient.name, () => {
  it('receives every event of the run1 capture, in order, when the PBX streams it in TCP-sized chunks', async () => {
    const server = await FakeAmiServer.start();
    const client = await connectedClient(server);
    const expected = eventsInFile(run1);
    const received: string[] = [];
    const all = new Promise<void>((resolve) =>
      client.on('event', (message) => {
        received.push(message.event ?? '');
        if (received.length === expected.length) resolve();
      }),
    );
    await server.stream(run1, 16 * 1024 + 7);
    await all;

    expect(expected.length).toBeGreaterThan(13_000);
    expect(received).toEqual(expected);
    expect(client.stats.eventsReceived).toBe(expected.length);
    expect(client.stats.protocolErrors).toBe(0);
    await client.stop();
    await server.stop();
  });
});
