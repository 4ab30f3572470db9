import { Logger } from '@nestjs/common';

/** Adapts Nest's Logger (pino underneath in the app) to the libraries' object-first logging ports. */
export function loggerPort(context: string) {
  const logger = new Logger(context);
  return {
    info: (obj: object, msg: string) => logger.log({ ...obj, msg }),
    warn: (obj: object, msg: string) => logger.warn({ ...obj, msg }),
    error: (obj: object, msg: string) => logger.error({ ...obj, msg }),
  };
}
