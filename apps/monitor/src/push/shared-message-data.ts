/**
 * The `data` of a server message as JSON, shared by every session it goes to, encoded to UTF-8
 * once: encoding the same (mostly Chinese) text again for each of 500 wallboards was most of
 * a push pass (the fan-out bench's profile: Buffer.byteLength inside ws.send).
 */
export class SharedMessageData {
  private encoded: Buffer | undefined;

  constructor(readonly json: string) {}

  /**
   * The data and the brace closing the envelope: what follows a session's own envelope head
   * (PushSession.sendSerialized), the same Buffer for every session.
   */
  get envelopeTail(): Buffer {
    this.encoded ??= Buffer.from(`${this.json}}`, 'utf8');
    return this.encoded;
  }
}
