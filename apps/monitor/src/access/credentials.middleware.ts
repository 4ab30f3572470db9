import { Injectable, type NestMiddleware } from '@nestjs/common';
import { urlWithoutToken } from '@hotline/access';
import type { ServerResponse } from 'node:http';
import { credentialOf, type AccessRequest } from './request-access';

/**
 * Takes the credential at the door: reads it once, and takes `?token=` off the URL the
 * handlers see, so strict query schemas accept it and no handler can echo it.
 */
@Injectable()
export class CredentialsMiddleware implements NestMiddleware {
  use(request: AccessRequest, _response: ServerResponse, next: () => void): void {
    credentialOf(request);
    if (request.url) request.url = urlWithoutToken(request.url);
    next();
  }
}
