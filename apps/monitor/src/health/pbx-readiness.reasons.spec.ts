import { pbxReadiness, sitesReadiness } from './pbx-readiness';

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

describe(sitesReadiness.name, () => {
  const ready = { ready: true } as const;

  it("is its own site's readiness when every other site is caught up", () => {
    expect(sitesReadiness(ready, [{ site: 'b', caughtUp: true }])).toEqual(ready);
    const down = pbxReadiness({ up: false, ready: false, since: 0 });
    expect(sitesReadiness(down, [{ site: 'b', caughtUp: false }])).toEqual(down);
  });

  it('names the sites whose stream it is still reading', () => {
    expect(
      sitesReadiness(ready, [
        { site: 'b', caughtUp: false },
        { site: 'c', caughtUp: true },
        { site: 'd', caughtUp: false },
      ]),
    ).toEqual({
      ready: false,
      code: 'CLUSTER_CATCHING_UP',
      reason: 'catching up with the stream of site b, d',
    });
  });

  it("names an embedded monitor's further PBXs not read yet", () => {
    expect(
      sitesReadiness(
        ready,
        [
          { site: 'b', caughtUp: true },
          { site: 'c', caughtUp: false },
        ],
        'pbx',
      ),
    ).toEqual({
      ready: false,
      code: 'PBX_SITES_NOT_READY_YET',
      reason: 'the PBX of site c has not been read yet (link, resync)',
    });
  });
});
