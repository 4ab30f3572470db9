import { AmiDecoder } from './ami-decoder';
import { AmiErrorCode } from './ami-protocol-error';
import { errorsOf, messagesOf } from './testing/ami-decoded';

describe(AmiDecoder.name, () => {
  const cap = 4096;

  it('stays within the cap for a peer that never sends a newline, reporting it once', () => {
    const decoder = new AmiDecoder({ maxMessageBytes: cap });
    const results = [];
    for (let i = 0; i < 1000; i++) {
      results.push(...decoder.push(Buffer.alloc(1000, 0x41)));
      expect(decoder.bufferedBytes).toBeLessThanOrEqual(cap);
    }
    expect(errorsOf(results).map((e) => e.code)).toEqual([AmiErrorCode.MessageTooLarge]);
    expect(results).toHaveLength(1);
    expect(errorsOf(results)[0].detail).toMatch(/^A{120}…$/);
  });

  it('decodes the next message once the endless line and its message finally end', () => {
    const decoder = new AmiDecoder({ maxMessageBytes: cap });
    const results = [];
    for (let i = 0; i < 100; i++) results.push(...decoder.push(Buffer.alloc(1000, 0x41)));
    results.push(...decoder.push('\r\n\r\nEvent: Hangup\r\nCause: 16\r\n\r\n'));
    expect(results.map((r) => (r.ok ? r.message.event : r.error.code))).toEqual([
      AmiErrorCode.MessageTooLarge,
      'Hangup',
    ]);
    expect(decoder.bufferedBytes).toBe(0);
  });

  it('skips the oversized message up to the next blank line, then decodes the next one', () => {
    const decoder = new AmiDecoder({ maxMessageBytes: cap });
    const results = [
      ...decoder.push('Event: Huge\r\nData: '),
      ...decoder.push('x'.repeat(cap * 3)),
      ...decoder.push('\r\nMore: still the huge message\r\n'),
      ...decoder.push('\r\nEvent: Hangup\r\nCause: 16\r\n\r\n'),
    ];
    const [error] = errorsOf(results);
    expect(error.code).toBe(AmiErrorCode.MessageTooLarge);
    expect(error.detail).toBe('Event: Huge');
    expect(results).toHaveLength(2);
    expect(results[1].ok && results[1].message.headers).toEqual([
      ['Event', 'Hangup'],
      ['Cause', '16'],
    ]);
    expect(decoder.bufferedBytes).toBe(0);
  });

  it('caps a message made of many short lines as well', () => {
    const decoder = new AmiDecoder({ maxMessageBytes: cap });
    const many = `Event: VarSet\r\n${'Variable: X=1\r\n'.repeat(1000)}\r\nEvent: Ping\r\n\r\n`;
    let peak = 0;
    const results = [];
    for (let at = 0; at < many.length; at += 100) {
      results.push(...decoder.push(many.slice(at, at + 100)));
      peak = Math.max(peak, decoder.bufferedBytes);
    }
    expect(peak).toBeLessThanOrEqual(cap);
    expect(results.map((r) => (r.ok ? r.message.event : r.error.code))).toEqual([
      AmiErrorCode.MessageTooLarge,
      'Ping',
    ]);
  });

  it('caps command output made of endless blank lines', () => {
    const decoder = new AmiDecoder({ maxMessageBytes: cap });
    const results = decoder.push(
      `Response: Follows\r\nPrivilege: Command\r\nfirst output line\n${'\n'.repeat(cap * 2)}`,
    );
    expect(errorsOf(results).map((e) => e.code)).toEqual([AmiErrorCode.MessageTooLarge]);
    expect(decoder.bufferedBytes).toBeLessThanOrEqual(cap);
  });

  it('accepts a message of exactly the cap', () => {
    const header = 'Event: X';
    const value = 'v'.repeat(cap - header.length - 'Data: '.length);
    const [message] = messagesOf(
      new AmiDecoder({ maxMessageBytes: cap }).push(`${header}\r\nData: ${value}\r\n\r\n`),
    );
    expect(message.get('Data')).toBe(value);
  });

  it('refuses a cap that is not a positive integer', () => {
    expect(() => new AmiDecoder({ maxMessageBytes: 0 })).toThrow(RangeError);
  });
});
