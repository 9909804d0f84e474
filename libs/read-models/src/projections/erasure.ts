import { ERASED } from '@civic-ledger/domain';
import { ProjectionContext } from '../projection';
import { COLLECTIONS, CorrespondenceView, InteractionView, PartyView, TimelineEntry } from '../views';

/**
 * When a party is erased, its data key is destroyed: every personal field sealed with it (its own
 * record, and the interactions and correspondence it is the first party of) reads as erased from then
 * on. These functions make the live read models say the same, field for field, so that they equal a
 * rebuild from the ledger after the erasure, and no plaintext stays behind in them.
 */
type Obj = Record<string, unknown>;

function erase(obj: Obj | undefined, keys: readonly string[]): void {
  if (!obj) return;
  for (const key of keys) if (typeof obj[key] === 'string') obj[key] = ERASED;
}

const TEXT = ['summary', 'outcome'];

export async function interactionsOf(ctx: ProjectionContext, partyId: string): Promise<InteractionView[]> {
  const docs = await ctx.find<InteractionView>(COLLECTIONS.interactions, [{ field: 'partyIds', op: 'has', value: partyId }]);
  return docs.filter((d) => d.partyIds[0] === partyId);
}

export async function correspondenceOf(ctx: ProjectionContext, partyId: string): Promise<CorrespondenceView[]> {
  const docs = await ctx.find<CorrespondenceView>(COLLECTIONS.correspondence, [{ field: 'partyIds', op: 'has', value: partyId }]);
  return docs.filter((d) => d.partyIds[0] === partyId);
}

export function eraseInteraction(doc: InteractionView): void {
  erase(doc, TEXT);
  for (const amendment of doc.amendments) {
    erase(amendment as unknown as Obj, ['reason']);
    erase(amendment.changes, TEXT);
    erase(amendment.previous, TEXT);
  }
}

export function eraseCorrespondence(doc: CorrespondenceView): void {
  erase(doc, ['subject']);
  for (const step of doc.steps) erase(step.details, ['note', 'summary', 'resolution', 'reason']);
}

export function eraseTimelineEntry(entry: TimelineEntry): void {
  erase(entry, ['summary']);
  const details = entry.details as Obj | undefined;
  erase(details, ['outcome', 'reason']);
  erase(details?.changes as Obj | undefined, TEXT);
  erase(details?.previous as Obj | undefined, TEXT);
}

export function eraseOpenCorrespondence(view: PartyView, correspondenceIds: ReadonlySet<string>): boolean {
  let changed = false;
  for (const c of view.openCorrespondence) {
    if (correspondenceIds.has(c.id) && c.subject !== ERASED) {
      c.subject = ERASED;
      changed = true;
    }
  }
  return changed;
}
