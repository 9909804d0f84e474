import { searchCriteria } from './search-criteria';

describe('searchCriteria (what the "Search people" field sends)', () => {
  it.each([
    ['Amélie Tremblay', [{ q: 'Amélie Tremblay' }]],
    ['  tremblay-gagnon ', [{ q: 'tremblay-gagnon' }]],
    ['AMELIE.TG@example.org', [{ email: 'AMELIE.TG@example.org' }]],
    ['020 7946 0018', [{ phone: '020 7946 0018' }, { identifier: '020 7946 0018' }]],
    ['+1 (613) 555-0100', [{ phone: '+1 (613) 555-0100' }, { identifier: '+1 (613) 555-0100' }]],
    ['123456789', [{ phone: '123456789' }, { identifier: '123456789' }]],
    ['C-777001', [{ identifier: 'C-777001' }]],
    ['12-34', [{ identifier: '12-34' }]],
  ])('%s → %j', (text, expected) => {
    expect(searchCriteria(text)).toEqual(expected);
  });

  it('sends nothing for blank input', () => {
    expect(searchCriteria('   ')).toEqual([]);
  });
});
