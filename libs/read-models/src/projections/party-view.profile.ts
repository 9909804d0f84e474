import { PartyEvent, PartyRegistered, ERASED } from '@civic-ledger/domain';
import { RecordedEvent } from '@civic-ledger/event-store';
import { foldText } from '../search/normalise';
import { PartyView } from '../views';

export const ERASED_NAME = ERASED;

export function newPartyView(event: PartyRegistered, env: RecordedEvent): PartyView {
  const d = event.data;
  return {
    id: d.partyId, kind: d.kind, name: { ...d.name }, sortName: sortName(d.name), birthDate: d.birthDate, preferredLanguage: d.preferredLanguage,
    status: 'active', contactPoints: [], identifiers: [], relationships: [], consents: [], consentHistory: [],
    mergedInto: null, mergedFrom: [], linkedPartyIds: [], legalHolds: [], departments: d.department ? [d.department] : [], erasure: null, openCorrespondence: [],
    registeredBy: d.department ?? null, accessGrants: [],
    contactCells: [], revision: env.revision, registeredAt: env.recordedAt, updatedAt: env.recordedAt,
  };
}

function sortName(name: { full: string; family?: string; given?: string }): string {
  const key = name.family ? `${name.family} ${name.given ?? ''}` : name.full;
  return foldText(key).trim();
}

/** Applies a change of the party's own stream to its view. */
export function applyPartyEvent(view: PartyView, event: PartyEvent, env: RecordedEvent): void {
  const at = env.occurredAt;
  switch (event.type) {
    case 'PartyNameChanged':
      view.name = { ...event.data.name };
      view.sortName = sortName(event.data.name);
      break;
    case 'ContactPointAdded': {
      const { partyId: _p, contactPointId, ...cp } = event.data;
      view.contactPoints.push({ id: contactPointId, ...cp, since: at });
      break;
    }
    case 'ContactPointRemoved':
      view.contactPoints = view.contactPoints.filter((cp) => cp.id !== event.data.contactPointId);
      break;
    case 'IdentifierAdded':
      view.identifiers.push({ scheme: event.data.scheme, value: event.data.value, since: at });
      break;
    case 'ConsentGiven':
      view.consents.push({ purpose: event.data.purpose, channel: event.data.channel, since: at });
      view.consentHistory.push({ purpose: event.data.purpose, channel: event.data.channel, action: 'given', at, recordedAt: env.recordedAt });
      break;
    case 'ConsentWithdrawn':
      view.consents = view.consents.filter((c) => !(c.purpose === event.data.purpose && c.channel === event.data.channel));
      view.consentHistory.push({ purpose: event.data.purpose, channel: event.data.channel, action: 'withdrawn', at, recordedAt: env.recordedAt });
      break;
    case 'RelationshipLinked':
      view.relationships.push({ id: event.data.relationshipId, kind: event.data.kind, partyId: event.data.toPartyId, direction: 'outgoing', since: at });
      if (!view.linkedPartyIds.includes(event.data.toPartyId)) view.linkedPartyIds.push(event.data.toPartyId);
      break;
    case 'RelationshipUnlinked':
      view.relationships = view.relationships.filter((r) => r.id !== event.data.relationshipId);
      break;
    case 'PartyMerged':
      view.status = 'merged';
      view.mergedInto = event.data.survivorPartyId;
      if (!view.linkedPartyIds.includes(event.data.survivorPartyId)) view.linkedPartyIds.push(event.data.survivorPartyId);
      break;
    case 'PartyUnmerged':
      view.status = 'active';
      view.mergedInto = null;
      break;
    case 'ErasureRequested':
      view.erasure = { legalBasis: event.data.legalBasis, requestedAt: at };
      break;
    case 'PartyErased':
      redact(view, at);
      break;
    case 'LegalHoldPlaced':
      view.legalHolds.push({ holdId: event.data.holdId, reason: event.data.reason, since: at });
      break;
    case 'LegalHoldReleased':
      view.legalHolds = view.legalHolds.filter((h) => h.holdId !== event.data.holdId);
      break;
    case 'PartyAccessGranted':
      view.accessGrants = [...(view.accessGrants ?? []), { grantId: event.data.grantId, department: event.data.department, since: at }];
      addDepartment(view, event.data.department);
      break;
    case 'PartyAccessRevoked': {
      view.accessGrants = (view.accessGrants ?? []).filter((g) => g.grantId !== event.data.grantId);
      // The department loses sight unless it registered the party or holds another grant.
      const stillSees = view.registeredBy === event.data.department || view.accessGrants.some((g) => g.department === event.data.department);
      if (!stillSees) view.departments = view.departments.filter((d) => d !== event.data.department);
      break;
    }
    default:
      break;
  }
}

/** Erasure: personal data leaves the view; the fact of erasure and its legal basis stay. */
function redact(view: PartyView, at: string): void {
  view.status = 'erased';
  view.name = { full: ERASED_NAME };
  view.sortName = '';
  delete view.birthDate;
  view.contactPoints = [];
  view.identifiers = [];
  view.erasure = { legalBasis: view.erasure?.legalBasis ?? '', requestedAt: view.erasure?.requestedAt ?? at, erasedAt: at };
}

export function addDepartment(view: PartyView, department: string | undefined): void {
  if (department && !view.departments.includes(department)) view.departments = [...view.departments, department].sort();
}
