export const PARTY_STREAM_PREFIX = 'party-';

export function partyStreamId(partyId: string): string {
  return `${PARTY_STREAM_PREFIX}${partyId}`;
}
