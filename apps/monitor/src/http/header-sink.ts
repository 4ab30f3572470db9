/** The part of the HTTP response a file download needs (Express or Fastify alike). */
export interface HeaderSink {
  setHeader(name: string, value: string): unknown;
}
