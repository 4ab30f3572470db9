import type { CallEvent, PbxInFlightView } from '@hotline/call-events';
import { canonicalJson, recordFingerprint } from './record-fingerprint';
import {
  compareStreamIds,
  decodeEntry,
  encodeRecord,
  RECORD_FIELD,
  StreamRecordError,
  TOKEN_FIELD,
  type StreamRecord,
} from './stream-record';

const JOIN: CallEvent = {
  type: 'caller-joined-queue',
  at: 1_767_225_600_000,
  callId: '1767225600.1@12345',
  contactId: '1767225600.1',
  queue: '12345',
  line: '12345',
  callerNumber: '13800000000',
};

const VIEW: PbxInFlightView = {
  at: 1_767_225_700_000,
  waiting: [{ callId: 'a@q', contactId: 'a', queue: 'q', joinedAt: 1_767_225_690_000 }],
  talking: [],
  agents: [],
  queues: ['q'],
};

describe('stream record codec', () => {
  it.each<StreamRecord>([
    { kind: 'event', event: JOIN },
    { kind: 'resync', view: VIEW },
    { kind: 'link', up: false, at: 5, reason: 'refused', code: 'AMI_ERR' },
  ])('reads back what it wrote: $kind', (record) => {
    const entry = decodeEntry('17-3', [RECORD_FIELD, encodeRecord(record), TOKEN_FIELD, '42']);
    expect(entry).toEqual({ id: '17-3', token: 42, record });
  });

  it('names the entry and what is wrong with a bad one', () => {
    expect(() => decodeEntry('1-0', [RECORD_FIELD, '{"kind":"event"'])).toThrow(StreamRecordError);
    expect(() => decodeEntry('1-0', [RECORD_FIELD, '{"kind":"x"}', TOKEN_FIELD, '1'])).toThrow(
      /1-0: not a known record/,
    );
    expect(() => decodeEntry('1-0', [RECORD_FIELD, '{"kind":"link","up":true}'])).toThrow(
      /missing field "t"/,
    );
  });

  it('orders stream ids by time, then sequence, with 0 first', () => {
    const ids = ['1700000000001-0', '0', '1700000000000-12', '1700000000000-2', '999-0'];
    expect([...ids].sort(compareStreamIds)).toEqual([
      '0',
      '999-0',
      '1700000000000-2',
      '1700000000000-12',
      '1700000000001-0',
    ]);
  });
});

describe(recordFingerprint.name, () => {
  it('gives a call event the same fingerprint whoever appends it, whatever its key order', () => {
    const reordered = Object.fromEntries(Object.entries(JOIN).reverse()) as CallEvent;
    expect(recordFingerprint({ kind: 'event', event: reordered }, '9:1')).toBe(
      recordFingerprint({ kind: 'event', event: JOIN }, '3:77'),
    );
  });

  it('tells apart events that differ in anything they say', () => {
    const later = { ...JOIN, at: JOIN.at + 1_000 };
    expect(recordFingerprint({ kind: 'event', event: later }, '1:1')).not.toBe(
      recordFingerprint({ kind: 'event', event: JOIN }, '1:1'),
    );
  });

  it('makes each resync and link record of a holder unique by its origin', () => {
    const resync: StreamRecord = { kind: 'resync', view: VIEW };
    expect(recordFingerprint(resync, '4:10')).toBe(recordFingerprint(resync, '4:10'));
    expect(recordFingerprint(resync, '4:10')).not.toBe(recordFingerprint(resync, '5:1'));
  });

  // The seen marks on a running site's Redis outlive an upgrade of its ingests: a version that
  // fingerprinted the same record differently would append it again after a takeover.
  it('keeps the fingerprints of earlier versions (pinned values)', () => {
    const answered = {
      type: 'agent-answered',
      at: 1609689600123,
      callId: '1609689600.12@12345',
      queue: '12345',
      agent: 'agent101',
      waitSeconds: 7,
      line: undefined,
    } as unknown as CallEvent;
    expect(recordFingerprint({ kind: 'event', event: answered }, '3:1')).toBe(
      '3MmWIVPGA5nHF-25kvM1Hi5E98k',
    );
    expect(recordFingerprint({ kind: 'link', up: true, at: 5 }, '3:1')).toBe(
      'YTpXV4e-tobBvdt7RUkTE6Eaw68',
    );
    expect(
      canonicalJson({ b: 1, a: { d: [1, { f: 2, e: undefined }], c: 'x' }, u: undefined }),
    ).toBe('{"a":{"c":"x","d":[1,{"f":2}]},"b":1}');
  });
});
