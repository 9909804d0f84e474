import { MemoryReadStore } from './memory/memory.read-store';
import { ProjectionBatch } from './projection';
import { SortKey } from './read-store.port';

const LATEST: SortKey[] = [{ field: 'at', direction: 'desc' }, { field: 'id', direction: 'desc' }];
const inCell = (cell: string) => [{ field: 'cell', op: 'eq' as const, value: cell }];

async function storeWith(docs: { id: string; cell: string; at: number }[], position = 10): Promise<MemoryReadStore> {
  const store = new MemoryReadStore();
  await store.ensureCollection('c', []);
  await store.commit(docs.map((doc) => ({ collection: 'c', id: doc.id, doc, position })), { name: 'spec', position });
  return store;
}

describe('a projection batch\'s first document in an order', () => {
  it('is the first stored one when the batch wrote nothing', async () => {
    const batch = new ProjectionBatch(await storeWith([{ id: 'a', cell: 'x', at: 1 }, { id: 'b', cell: 'x', at: 3 }, { id: 'c', cell: 'y', at: 9 }]));
    batch.at(11);
    expect(await batch.first('c', inCell('x'), LATEST)).toMatchObject({ id: 'b' });
    expect(await batch.first('c', inCell('z'), LATEST)).toBeNull();
  });

  it('sees the batch\'s own writes: a document moved out of the match is passed over, one moved in or written new counts', async () => {
    const stored = Array.from({ length: 20 }, (_, i) => ({ id: `d${String(i).padStart(2, '0')}`, cell: 'x', at: i }));
    const batch = new ProjectionBatch(await storeWith(stored));
    batch.at(11);
    // The five latest leave the cell: the first stored one not rewritten lies past the first page.
    for (const doc of stored.slice(15)) batch.put('c', { ...(await batch.get('c', doc.id)), cell: 'y' } as typeof doc);
    expect(await batch.first('c', inCell('x'), LATEST)).toMatchObject({ id: 'd14' });
    expect(await batch.first('c', inCell('y'), LATEST)).toMatchObject({ id: 'd19' });
    batch.put('c', { id: 'new', cell: 'x', at: 15 });
    expect(await batch.first('c', inCell('x'), LATEST)).toMatchObject({ id: 'new' });
  });

  it('is not fooled by a redelivered event\'s blind write over a newer stored document', async () => {
    const batch = new ProjectionBatch(await storeWith([{ id: 'a', cell: 'x', at: 5 }], 20));
    batch.at(11);
    batch.put('c', { id: 'a', cell: 'old', at: 1 });
    expect(await batch.first('c', inCell('x'), LATEST)).toMatchObject({ id: 'a', at: 5 });
    expect(await batch.first('c', inCell('old'), LATEST)).toBeNull();
  });

  it('nor by one whose write matches while the newer stored document does not', async () => {
    const batch = new ProjectionBatch(await storeWith([{ id: 'a', cell: 'z', at: 5 }, { id: 'b', cell: 'x', at: 2 }], 20));
    batch.at(11);
    batch.put('c', { id: 'a', cell: 'x', at: 9 });
    expect(await batch.first('c', inCell('x'), LATEST)).toMatchObject({ id: 'b', at: 2 });
    expect(await batch.first('c', inCell('z'), LATEST)).toMatchObject({ id: 'a', at: 5 });
  });
});
