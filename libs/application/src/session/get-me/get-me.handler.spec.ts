import { GetMeHandler } from './get-me.handler';
import { GetMeQuery } from './get-me.query';

describe('GetMeHandler', () => {
  const handler = new GetMeHandler();

  it('answers a caseworker with its departments, levels and the actions of its role (from the policy)', async () => {
    const me = await handler.execute(new GetMeQuery({ sub: 'alice@housing', role: 'caseworker', departments: ['housing'], expiresAt: '2026-12-05T18:00:00.000Z' }));
    expect(me).toMatchObject({ subject: 'alice@housing', role: 'caseworker', departments: ['housing'], allDepartments: false, confidentiality: ['normal', 'sensitive'], expiresAt: '2026-12-05T18:00:00.000Z' });
    expect(me.actions).toEqual([...me.actions].sort());
    expect(me.actions).toEqual(expect.arrayContaining(['party.read', 'party.relate', 'interaction.record', 'correspondence.handle']));
    expect(me.actions).not.toContain('party.merge');
    expect(me.actions).not.toContain('party.erase');
  });

  it('answers body-wide roles with allDepartments, whatever the token lists', async () => {
    const me = await handler.execute(new GetMeQuery({ sub: 'audit-1', role: 'auditor', departments: [] }));
    expect(me).toMatchObject({ allDepartments: true, confidentiality: ['normal', 'sensitive', 'restricted'], expiresAt: null });
    expect(me.actions).toEqual(expect.arrayContaining(['party.bundle', 'party.export', 'party.replay']));
    expect(me.actions).not.toContain('interaction.record');
  });
});
