import { ACTION_ROLES, Action } from '@civic-ledger/application';
import { startTestApp, TestApp } from './support/test-app';

/** The API the staff console builds on: who am I, search listings, duplicates, bundles, console settings. */
describe('the console API', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  describe('GET /v1/me', () => {
    it('names the principal and exactly the actions its role may take (from the policy)', async () => {
      const res = await t.anonymous.get('/v1/me').set('Authorization', await t.token('clerk', ['housing'], 'alice@housing')).expect(200);
      const clerkActions = (Object.keys(ACTION_ROLES) as Action[]).filter((a) => (ACTION_ROLES[a] as readonly string[]).includes('clerk')).sort();
      expect(res.body).toEqual({
        subject: 'alice@housing', role: 'clerk', departments: ['housing'], allDepartments: false, confidentiality: ['normal'], actions: clerkActions,
        expiresAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/),
      });
      expect(res.body.actions).not.toContain('party.merge');
      expect(Date.parse(res.body.expiresAt)).toBeGreaterThan(Date.now());
    });

    it('answers an auditor as body-wide, and refuses without a token (401 problem)', async () => {
      const res = await t.anonymous.get('/v1/me').set('Authorization', await t.token('auditor')).expect(200);
      expect(res.body).toMatchObject({ role: 'auditor', allDepartments: true, confidentiality: ['normal', 'sensitive', 'restricted'] });
      expect(res.body.actions).toContain('party.bundle');
      const anonymous = await t.anonymous.get('/v1/me').expect(401);
      expect(anonymous.headers['content-type']).toMatch(/application\/problem\+json/);
    });
  });
});
