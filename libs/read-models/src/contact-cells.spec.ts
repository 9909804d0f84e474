import { CHANNELS } from '@civic-ledger/domain';
import { CELL_CHANNELS, cellsOf, channelPlace, sumContactCells, toCell } from './contact-cells';

describe('contact cells as stored (party-view.v5)', () => {
  it('keep the order of their channels: stored counts follow it (a new channel goes at the end; anything else needs a new projection version)', () => {
    expect(CELL_CHANNELS).toEqual(['phone', 'email', 'counter', 'web-form', 'letter', 'sms', 'chat', 'social', 'field-visit']);
    expect(Object.isFrozen(CELL_CHANNELS)).toBe(true);
  });

  it('count every channel the domain accepts', () => {
    for (const channel of CHANNELS) expect(channelPlace(channel)).toBeGreaterThanOrEqual(0);
  });

  it('read a party-view.v4 cell whose counts name a channel they do not count, leaving that count out rather than failing the read', () => {
    const cells = cellsOf({ contactCells: [{ department: 'housing', confidentiality: 'normal', counts: { fax: 2, email: 1, phone: 0 }, last: null }] });
    expect(cells).toEqual([['housing', 'normal', [0, 1], null, null, null]]);
    expect(sumContactCells(cells)).toEqual({ interactionCounts: { email: 1 }, lastContact: null });
  });

  it('read documents whose cells are partly tuples and partly v4 objects', () => {
    const tuple = toCell({ department: 'waste', confidentiality: 'normal', counts: { sms: 2 }, last: { at: '2024-01-02', channel: 'sms', interactionId: 'i-2' } });
    const cells = cellsOf({ contactCells: [{ department: 'housing', confidentiality: 'normal', counts: { phone: 1 }, last: { at: '2024-01-01', channel: 'phone', interactionId: 'i-1' } }, tuple] });
    expect(cells).toEqual([['housing', 'normal', [1], '2024-01-01', 'phone', 'i-1'], ['waste', 'normal', [0, 0, 0, 0, 0, 2], '2024-01-02', 'sms', 'i-2']]);
  });
});
