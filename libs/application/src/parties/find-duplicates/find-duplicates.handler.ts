import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { COLLECTIONS, decodeCursor, DuplicateKeyView, encodeCursor, findSharedKeys, Page, PartyView, READ_STORE, ReadStore } from '@civic-ledger/read-models';
import { can, requireAccess } from '../../access/access-policy';
import { maskEmail, maskIdentifier, maskPhone } from '../../access/masked-hint';
import { Principal } from '../../access/roles';
import { DuplicateCandidate, FindDuplicatesQuery } from './find-duplicates.query';

/** Shared keys read per round trip, and at most per request (the rest follows with the cursor). */
const CHUNK = 100;
const MAX_SCANNED = 2000;

const hintOf = (key: DuplicateKeyView): string =>
  key.kind === 'email' ? maskEmail(key.value) : key.kind === 'phone' ? maskPhone(key.value) : maskIdentifier(key.scheme ?? '', key.value);

@QueryHandler(FindDuplicatesQuery)
export class FindDuplicatesHandler implements IQueryHandler<FindDuplicatesQuery> {
  constructor(@Inject(READ_STORE) private readonly views: ReadStore) {}

  /**
   * Keys shared by two parties or more (from the party-duplicates projection's index), kept when at least
   * two of their parties are active and seen by the reader under the one policy. Reads at most MAX_SCANNED
   * keys per request; `nextCursor` continues where it stopped.
   */
  async execute({ principal, limit, cursor }: FindDuplicatesQuery): Promise<Page<DuplicateCandidate>> {
    requireAccess(principal, 'party.merge');
    const items: DuplicateCandidate[] = [];
    let after = decodeCursor(cursor, 1)?.[0] as string | undefined;
    for (let scanned = 0; scanned < MAX_SCANNED;) {
      const keys = await findSharedKeys(this.views, CHUNK, after);
      for (const key of keys) {
        scanned += 1;
        after = key.id;
        const candidate = await this.candidate(principal, key);
        if (candidate) items.push(candidate);
        if (items.length === limit) return { items, nextCursor: encodeCursor([after]) };
      }
      if (keys.length < CHUNK) return { items, nextCursor: null };
    }
    return { items, nextCursor: after === undefined ? null : encodeCursor([after]) };
  }

  private async candidate(principal: Principal, key: DuplicateKeyView): Promise<DuplicateCandidate | null> {
    const parties = (await this.views.getMany<PartyView>(COLLECTIONS.parties, key.partyIds))
      .filter((p) => p.status === 'active' && can(principal, 'party.read', { kind: 'party', departments: p.departments }))
      .sort((a, b) => (a.id < b.id ? -1 : 1));
    if (parties.length < 2) return null;
    return { key: key.kind, hint: hintOf(key), parties: parties.map((p) => ({ id: p.id, displayName: p.name.full })) };
  }
}
