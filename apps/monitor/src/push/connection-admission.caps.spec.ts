import { ConnectionAdmission } from './connection-admission';

const limits = {
  total: 5,
  perAddress: 3,
  perRole: { public: 2, wallboard: 5, leader: 5, admin: 1 },
};

describe(ConnectionAdmission.name, () => {
  it('holds the total, per-address and per-role caps, and counts refusals by reason', () => {
    const admission = new ConnectionAdmission(limits);
    const a = [1, 2].map(() => admission.admit('10.0.0.1', 'public'));
    expect(a.every((x) => x.admitted)).toBe(true);
    expect(admission.admit('10.0.0.2', 'public')).toMatchObject({
      admitted: false,
      reason: 'role',
      message: expect.stringContaining('push.maxConnectionsPerRole.public'),
    });
    expect(admission.admit('10.0.0.1', 'wallboard').admitted).toBe(true);
    expect(admission.admit('10.0.0.1', 'leader')).toMatchObject({
      admitted: false,
      reason: 'address',
    });
    expect(admission.admit('10.0.0.3', 'leader').admitted).toBe(true);
    expect(admission.admit('10.0.0.4', undefined).admitted).toBe(true); // invalid token: caps only
    expect(admission.openConnections).toBe(5);
    expect(admission.admit('10.0.0.5', 'admin')).toMatchObject({
      admitted: false,
      reason: 'total',
    });
    expect(admission.refused).toEqual({ total: 1, address: 1, role: 1, 'no-views': 0 });
  });

  it('gives the place back once, on release', () => {
    const admission = new ConnectionAdmission(limits);
    const first = admission.admit('10.0.0.1', 'admin');
    expect(admission.admit('10.0.0.2', 'admin')).toMatchObject({ admitted: false, reason: 'role' });
    if (!first.admitted) throw new Error('first must be admitted');
    first.release();
    first.release(); // a second close event changes nothing
    expect(admission.openConnections).toBe(0);
    expect(admission.admit('10.0.0.2', 'admin').admitted).toBe(true);
    expect(admission.openConnections).toBe(1);
  });

  it('refuses a role that may view nothing before counting it', () => {
    const admission = new ConnectionAdmission(limits);
    expect(admission.admit('10.0.0.1', 'public', false)).toMatchObject({
      admitted: false,
      reason: 'no-views',
    });
    expect(admission.openConnections).toBe(0);
    expect(admission.refused['no-views']).toBe(1);
  });
});
