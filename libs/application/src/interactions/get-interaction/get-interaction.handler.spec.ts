import { BENEFITS_CLERK, CASEWORKER, CLERK, INTERACTION, interactionRecorded, PARTY, partyRegistered, useCaseSpec } from '../../testing/use-case.spec-kit';
import { GetInteractionQuery } from './get-interaction.query';

describe('GetInteraction', () => {
  const spec = useCaseSpec();
  beforeEach(() => spec.given(partyRegistered(PARTY, 'housing'), interactionRecorded(INTERACTION, [PARTY], { confidentiality: 'sensitive' })));

  it('shows a contact of the department at a level the role reads', async () => {
    expect(await spec.query(new GetInteractionQuery(INTERACTION, CASEWORKER))).toMatchObject({ id: INTERACTION, department: 'housing', confidentiality: 'sensitive', summary: 'Boiler broken' });
  });

  it('refuses a level the role does not read, and another department', async () => {
    expect(await spec.refused(() => spec.query(new GetInteractionQuery(INTERACTION, CLERK)))).toBe('AUTH.FORBIDDEN');
    expect(await spec.refused(() => spec.query(new GetInteractionQuery(INTERACTION, { ...BENEFITS_CLERK, role: 'caseworker' })))).toBe('AUTH.FORBIDDEN');
  });

  it('answers INTERACTION.NOT_FOUND for a contact never recorded', async () => {
    expect(await spec.refused(() => spec.query(new GetInteractionQuery(PARTY, CASEWORKER)))).toBe('INTERACTION.NOT_FOUND');
  });
});
