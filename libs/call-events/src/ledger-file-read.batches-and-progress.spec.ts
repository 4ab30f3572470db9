import type { CallEvent } from './call-event';
import { LedgerFileRead } from './ledger-file-read';

const joined = (callId: string): CallEvent => ({
  type: 'caller-joined-queue',
  at: 0,
  callId,
  contactId: callId,
  queue: 'q1',
});

describe(LedgerFileRead.name, () => {
  const files = [
    { path: '/var/log/a.1', size: 100 },
    { path: '/var/log/a', size: 50 },
  ];

  it('hands on full batches with where the read is, and the rest at the end with the read complete', () => {
    const read = new LedgerFileRead(files, 2);
    read.startFile(files[0]);
    read.lines++;
    expect(read.add([joined('c1')])).toBeUndefined();
    read.readTo(60);
    read.lines++;
    expect(read.add([joined('c2'), joined('c3')])).toEqual({
      events: [joined('c1'), joined('c2'), joined('c3')],
      progress: {
        units: 2,
        unitsDone: 0,
        current: '/var/log/a.1',
        done: 60,
        total: 150,
        lines: 2,
        unreadable: 0,
      },
    });
    read.endFile(files[0]);
    read.startFile(files[1]);
    read.readTo(10);
    read.lines++;
    read.unreadable++;
    expect(read.add([joined('c4')])).toBeUndefined();
    // Stopped before the end of the last file: the read is complete all the same.
    expect(read.finish()).toEqual({
      events: [joined('c4')],
      progress: { units: 2, unitsDone: 1, done: 150, total: 150, lines: 3, unreadable: 1 },
    });
  });

  it('takes the unreadable and unplaced counts from the ledger’s line reader when it keeps them', () => {
    const counts = { unreadable: 4, unplaced: 2 };
    const read = new LedgerFileRead(files, 1, () => counts);
    read.startFile(files[0]);
    expect(read.add([joined('c1')])?.progress).toMatchObject({ unreadable: 4, unplaced: 2 });
    counts.unplaced = 3;
    expect(read.finish().progress).toMatchObject({ unreadable: 4, unplaced: 3 });
  });
});
