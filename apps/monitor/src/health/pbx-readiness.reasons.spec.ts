import { pbxReadiness } from './pbx-readiness';

describe(pbxReadiness.name, () => {
  const since = 1_000;

  it('is ready only when the link is up and resynced', () => {
    expect(pbxReadiness({ up: true, ready: true, since })).toEqual({ ready: true });
  });

  it('names every reason it is not', () => {
    expect(pbxReadiness({ up: false, ready: false, since })).toEqual({
      ready: false,
      code: 'PBX_NOT_CONNECTED_YET',
      reason: 'link down: not connected to the PBX yet',
    });
    expect(pbxReadiness({ up: true, ready: false, since })).toMatchObject({
      code: 'PBX_RESYNC_PENDING',
      reason: expect.stringMatching(/^resync pending/),
    });
    expect(
      pbxReadiness({ up: false, ready: false, since, reason: 'ECONNREFUSED: connect refused' }),
    ).toEqual({
      ready: false,
      code: 'PBX_LINK_DOWN',
      reason: 'link down: ECONNREFUSED: connect refused',
    });
    for (const code of ['AMI_ERR_AUTH_FAILED', 'AMI_ERR_NOT_ASTERISK', 'ESL_ERR_AUTH']) {
      expect(pbxReadiness({ up: false, ready: false, since, reason: 'why', code })).toEqual({
        ready: false,
        code,
        reason: 'link down: why',
      });
    }
  });
});
