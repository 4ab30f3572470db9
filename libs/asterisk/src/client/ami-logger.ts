/** The slice of a pino logger the client uses, so any pino (or pino-compatible) child fits. */
export interface AmiLogger {
  debug(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

const ignore = (): void => undefined;

/** Used when no logger is given: the client never writes to the console on its own. */
export const silentAmiLogger: AmiLogger = {
  debug: ignore,
  info: ignore,
  warn: ignore,
  error: ignore,
};
