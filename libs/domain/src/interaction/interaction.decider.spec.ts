import { deciderSpec, meta } from '../shared/decider.spec-kit';
import { RecordInteraction } from './interaction.commands';
import { interactionDecider } from './interaction.decider';
import { InteractionEvent, InteractionRecorded } from './interaction.events';

const spec = deciderSpec(interactionDecider);
const interactionId = 'i-1';
const details = {
  channel: 'phone' as const, direction: 'inbound' as const, occurredAt: '2024-06-01T11:30:00.000Z', partyIds: ['p-1'],
  department: 'housing', topics: ['rent-arrears'], summary: 'Asked about rent support', satisfaction: 4,
};
const recorded: InteractionRecorded = { type: 'InteractionRecorded', data: { interactionId, ...details, confidentiality: 'normal' } };
const record = (over: Partial<RecordInteraction['data']> = {}): RecordInteraction => ({
  type: 'RecordInteraction', metadata: meta, data: { interactionId, ...details, knownPartyIds: ['p-1'], ...over },
});

describe('interaction decider', () => {
  describe('when unknown', () => {
    it('records an interaction, normal confidentiality by default', () => spec([]).when(record()).then([recorded]));

    it('accepts occurredAt within the clock skew but not beyond', () => {
      spec([]).when(record({ occurredAt: '2024-06-01T12:04:00.000Z' })).then([{ ...recorded, data: { ...recorded.data, occurredAt: '2024-06-01T12:04:00.000Z' } }]);
      spec([]).when(record({ occurredAt: '2024-06-01T12:06:00.000Z' })).thenFails('INTERACTION.OCCURRED_IN_FUTURE');
    });

    it('rejects unknown parties', () => spec([]).when(record({ partyIds: ['p-1', 'p-404'] })).thenFails('INTERACTION.UNKNOWN_PARTY'));

    it('cannot amend what was never recorded', () =>
      spec([]).when({ type: 'AmendInteraction', metadata: meta, data: { interactionId, changes: { summary: 'x' }, reason: 'typo' } }).thenFails('INTERACTION.NOT_FOUND'));
  });

  describe('when recorded', () => {
    it('refuses to record twice', () => spec([recorded]).when(record()).thenFails('INTERACTION.ALREADY_RECORDED'));

    it('amends with the previous values kept and unchanged fields dropped', () =>
      spec([recorded]).when({ type: 'AmendInteraction', metadata: meta, data: { interactionId, changes: { summary: 'Asked about housing benefit', satisfaction: 4, outcome: 'referred' }, reason: 'clarified' } })
        .then([{ type: 'InteractionAmended', data: {
          interactionId, partyIds: ['p-1'], changes: { summary: 'Asked about housing benefit', outcome: 'referred' },
          previous: { summary: 'Asked about rent support', outcome: null as never }, reason: 'clarified' } }]));

    it('rejects an amendment that changes nothing or moves occurredAt into the future', () => {
      spec([recorded]).when({ type: 'AmendInteraction', metadata: meta, data: { interactionId, changes: { summary: details.summary }, reason: 'x' } }).thenFails('INTERACTION.NO_CHANGES');
      spec([recorded]).when({ type: 'AmendInteraction', metadata: meta, data: { interactionId, changes: { occurredAt: '2030-01-01T00:00:00.000Z' }, reason: 'x' } }).thenFails('INTERACTION.OCCURRED_IN_FUTURE');
    });

    it('links to known correspondence once', () => {
      const linked: InteractionEvent = { type: 'InteractionLinkedToCorrespondence', data: { interactionId, partyIds: ['p-1'], correspondenceId: 'c-1' } };
      const cmd = (known: boolean) => ({ type: 'LinkInteractionToCorrespondence' as const, metadata: meta, data: { interactionId, correspondenceId: 'c-1', correspondenceKnown: known } });
      spec([recorded]).when(cmd(true)).then([linked]);
      spec([recorded]).when(cmd(false)).thenFails('CORRESPONDENCE.NOT_FOUND');
      spec([recorded, linked]).when(cmd(true)).thenFails('INTERACTION.ALREADY_LINKED');
    });

    it('sets confidentiality only when it changes', () => {
      spec([recorded]).when({ type: 'SetInteractionConfidentiality', metadata: meta, data: { interactionId, level: 'restricted', reason: 'safeguarding' } })
        .then([{ type: 'InteractionConfidentialitySet', data: { interactionId, partyIds: ['p-1'], level: 'restricted', reason: 'safeguarding' } }]);
      spec([recorded]).when({ type: 'SetInteractionConfidentiality', metadata: meta, data: { interactionId, level: 'normal' } }).thenFails('INTERACTION.CONFIDENTIALITY_UNCHANGED');
    });
  });
});

describe('interaction decider: incomplete commands (whatever the transport let through)', () => {
  const amend = (data: Record<string, unknown>) => ({ type: 'AmendInteraction', metadata: meta, data: { interactionId, reason: 'typo', ...data } }) as never;

  it('refuses a recording without summary, topics or parties', () => {
    spec([]).when(record({ summary: undefined as never })).thenFails('COMMAND.INCOMPLETE');
    spec([]).when(record({ topics: null as never })).thenFails('COMMAND.INCOMPLETE');
    spec([]).when(record({ partyIds: [] })).thenFails('COMMAND.INCOMPLETE');
  });

  it('refuses an amendment without changes, with null or ill-typed changes, or to a field that cannot be amended', () => {
    spec([recorded]).when(amend({ changes: undefined })).thenFails('COMMAND.INCOMPLETE');
    spec([recorded]).when(amend({ changes: { occurredAt: null } })).thenFails('COMMAND.INCOMPLETE');
    spec([recorded]).when(amend({ changes: { topics: null } })).thenFails('COMMAND.INCOMPLETE');
    spec([recorded]).when(amend({ changes: { topics: 'housing' } })).thenFails('COMMAND.INCOMPLETE');
    spec([recorded]).when(amend({ changes: { partyIds: ['p-2'] } })).thenFails('COMMAND.INCOMPLETE');
    spec([recorded]).when(amend({ changes: { summary: 'fixed' }, reason: '' })).thenFails('COMMAND.INCOMPLETE');
  });
});
