import { REDACTED, redactHeaders, redactQuery, redactUrl } from './log-redaction';

const TOKEN = 'leader-token-0123456789';

describe(redactUrl.name, () => {
  it('replaces credential values in paths and absolute URLs, keeping the rest readable', () => {
    expect(redactUrl(`/leader?token=${TOKEN}&lang=en`)).toBe(`/leader?token=${REDACTED}&lang=en`);
    expect(redactUrl(`http://10.0.0.5:3000/?kiosk=1&token=${TOKEN}#x`)).toBe(
      `http://10.0.0.5:3000/?kiosk=1&token=${REDACTED}#x`,
    );
    expect(redactUrl(`/x?%74oken=${TOKEN}`)).toBe(`/x?%74oken=${REDACTED}`);
    expect(redactUrl(`/x?access_token=${TOKEN}`)).not.toContain(TOKEN);
    expect(redactUrl('/health')).toBe('/health');
  });
});

describe(redactHeaders.name, () => {
  it('hides Authorization, Cookie, Set-Cookie and token subprotocols; cleans the Referer', () => {
    const headers = {
      authorization: `Bearer ${TOKEN}`,
      cookie: `hotline_token=${TOKEN}`,
      'set-cookie': [`hotline_token=${TOKEN}; HttpOnly`],
      referer: `http://127.0.0.1:3000/leader?token=${TOKEN}`,
      'sec-websocket-protocol': `hotline.v1, token.${TOKEN}`,
      'user-agent': 'curl/8',
    };
    const redacted = redactHeaders(headers);
    expect(JSON.stringify(redacted)).not.toContain(TOKEN);
    expect(redacted['user-agent']).toBe('curl/8');
    expect(redacted.referer).toBe(`http://127.0.0.1:3000/leader?token=${REDACTED}`);
    expect(headers.authorization).toBe(`Bearer ${TOKEN}`); // a copy; the request is untouched
  });

  it('leaves a parsed query without its credential', () => {
    expect(redactQuery({ token: TOKEN, lang: 'en' })).toEqual({ token: REDACTED, lang: 'en' });
    expect(redactQuery(undefined)).toBeUndefined();
  });
});
