import { PartyEvent } from '@civic-ledger/domain';
import { isErasedValue } from './public-events';

/**
 * What the compacted profile topic carries for a party: its current public profile (PartyProfile.v2).
 * Once the party's data key is gone, status is "erased", name is absent and contactPoints is empty:
 * nothing that looks like data stands in for what was erased.
 */
export interface PartyProfile {
  partyId: string;
  kind: string;
  name?: { full: string; given?: string; family?: string };
  preferredLanguage?: string;
  status: 'active' | 'merged' | 'erased';
  mergedInto: string | null;
  contactPoints: { contactPointId: string; kind: string; value: string; verified: boolean }[];
  consents: { purpose: string; channel: string }[];
  revision: number;
}

/** Folds a party's events (oldest first) into its public profile; null when erased or unknown. */
export function foldProfile(events: readonly { event: PartyEvent; revision: number }[]): PartyProfile | null {
  let profile: PartyProfile | null = null;
  for (const { event, revision } of events) {
    if (event.type === 'PartyRegistered') {
      const d = event.data;
      profile = { partyId: d.partyId, kind: d.kind, name: { ...d.name }, ...(d.preferredLanguage ? { preferredLanguage: d.preferredLanguage } : {}), status: 'active', mergedInto: null, contactPoints: [], consents: [], revision };
      continue;
    }
    if (!profile) continue;
    profile.revision = revision;
    switch (event.type) {
      case 'PartyNameChanged': profile.name = { ...event.data.name }; break;
      case 'ContactPointAdded': profile.contactPoints.push({ contactPointId: event.data.contactPointId, kind: event.data.kind, value: event.data.value, verified: event.data.verified }); break;
      case 'ContactPointRemoved': profile.contactPoints = profile.contactPoints.filter((c) => c.contactPointId !== event.data.contactPointId); break;
      case 'ConsentGiven': profile.consents.push({ purpose: event.data.purpose, channel: event.data.channel }); break;
      case 'ConsentWithdrawn': profile.consents = profile.consents.filter((c) => !(c.purpose === event.data.purpose && c.channel === event.data.channel)); break;
      case 'PartyMerged': profile.status = 'merged'; profile.mergedInto = event.data.survivorPartyId; break;
      case 'PartyUnmerged': profile.status = 'active'; profile.mergedInto = null; break;
      case 'PartyErased': profile = null; break;
      default: break;
    }
  }
  return profile && (isErasedValue(profile.name) || profile.contactPoints.some((c) => isErasedValue(c.value))) ? erasedProfile(profile) : profile;
}

function erasedProfile(profile: PartyProfile): PartyProfile {
  const { name: _name, ...rest } = profile;
  return { ...rest, status: 'erased', contactPoints: [] };
}
