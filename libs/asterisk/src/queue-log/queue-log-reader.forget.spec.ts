import { QueueLogReader } from './queue-log-reader';

const line = (epoch: number, callid: string, verb: string, ...data: string[]) =>
  [epoch, callid, '12345', verb === 'ENTERQUEUE' ? 'NONE' : 'agent1', verb, ...data].join('|');

describe('QueueLogReader.forget: bounded memory over a long ledger', () => {
  it('numbers a channel’s visits to a queue while remembered, from 1 again once forgotten', () => {
    const reader = new QueueLogReader();
    const join = (epoch: number) =>
      reader.readText(line(epoch, 'u1', 'ENTERQUEUE', '12345', '138', '1'));
    const leave = (epoch: number) => reader.readText(line(epoch, 'u1', 'ABANDON', '1', '1', '5'));
    expect(join(100).events[0]).toMatchObject({ callId: 'u1@12345' });
    leave(105);
    expect(join(200).events[0]).toMatchObject({ callId: 'u1@12345#2' });
    leave(205);
    reader.forget(150_000); // before the last visit: kept
    expect(join(300).events[0]).toMatchObject({ callId: 'u1@12345#3' });
    leave(305);
    reader.forget(1_000_000);
    expect(join(2000).events[0]).toMatchObject({ callId: 'u1@12345' });
  });

  it('never forgets a visit still open: its end is still placed', () => {
    const reader = new QueueLogReader();
    reader.readText(line(100, 'u2', 'ENTERQUEUE', '12345', '138', '1'));
    reader.forget(10_000_000);
    expect(
      reader.readText(line(20_000, 'u2', 'CONNECT', '5', 'peer', '1')).events[0],
    ).toMatchObject({
      type: 'agent-answered',
      callId: 'u2@12345',
    });
    expect(
      reader.readText(line(20_100, 'u2', 'ENTERQUEUE', '12345', '138', '1')).events[0],
    ).toMatchObject({
      callId: 'u2@12345#2',
    });
  });
});
