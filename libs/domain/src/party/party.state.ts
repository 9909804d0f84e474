import { ContactPointKind, PartyEvent, PartyKind, RelationshipKind } from './party.events';

export interface ActiveParty {
  readonly status: 'active' | 'erased';
  readonly partyId: string;
  readonly kind: PartyKind;
  readonly nameFull: string;
  readonly contactPoints: Readonly<Record<string, { kind: ContactPointKind; value: string }>>;
  readonly identifiers: readonly string[];
  /** Keys `${purpose}|${channel}` of consents currently given. */
  readonly consents: readonly string[];
  readonly relationships: Readonly<Record<string, { kind: RelationshipKind; toPartyId: string }>>;
  readonly mergedInto: string | null;
  readonly legalHolds: readonly string[];
  readonly erasureRequested: string | null;
  /** Department that registered the party (none for parties registered by body-wide roles). */
  readonly registeredBy: string | null;
  /** Break-glass grants in force: grant id → department. */
  readonly accessGrants: Readonly<Record<string, string>>;
}

export type PartyState = { readonly status: 'unknown' } | ActiveParty;

export const initialPartyState = (): PartyState => ({ status: 'unknown' });

export const consentKey = (purpose: string, channel: string): string => `${purpose}|${channel}`;
export const identifierKey = (scheme: string, value: string): string => `${scheme}:${value}`;

function without<T>(record: Readonly<Record<string, T>>, key: string): Record<string, T> {
  const { [key]: _removed, ...rest } = record;
  return rest;
}

export function evolveParty(state: PartyState, event: PartyEvent): PartyState {
  if (event.type === 'PartyRegistered') {
    const d = event.data;
    return {
      status: 'active', partyId: d.partyId, kind: d.kind, nameFull: d.name.full, contactPoints: {}, identifiers: [],
      consents: [], relationships: {}, mergedInto: null, legalHolds: [], erasureRequested: null,
      registeredBy: d.department ?? null, accessGrants: {},
    };
  }
  if (state.status === 'unknown') return state;
  switch (event.type) {
    case 'PartyNameChanged':
      return { ...state, nameFull: event.data.name.full };
    case 'ContactPointAdded':
      return { ...state, contactPoints: { ...state.contactPoints, [event.data.contactPointId]: { kind: event.data.kind, value: event.data.value } } };
    case 'ContactPointRemoved':
      return { ...state, contactPoints: without(state.contactPoints, event.data.contactPointId) };
    case 'IdentifierAdded':
      return { ...state, identifiers: [...state.identifiers, identifierKey(event.data.scheme, event.data.value)] };
    case 'ConsentGiven':
      return { ...state, consents: [...state.consents, consentKey(event.data.purpose, event.data.channel)] };
    case 'ConsentWithdrawn': {
      const key = consentKey(event.data.purpose, event.data.channel);
      return { ...state, consents: state.consents.filter((c) => c !== key) };
    }
    case 'RelationshipLinked':
      return { ...state, relationships: { ...state.relationships, [event.data.relationshipId]: { kind: event.data.kind, toPartyId: event.data.toPartyId } } };
    case 'RelationshipUnlinked':
      return { ...state, relationships: without(state.relationships, event.data.relationshipId) };
    case 'PartyMerged':
      return { ...state, mergedInto: event.data.survivorPartyId };
    case 'PartyUnmerged':
      return { ...state, mergedInto: null };
    case 'ErasureRequested':
      return { ...state, erasureRequested: event.data.legalBasis };
    case 'PartyErased':
      return { ...state, status: 'erased' };
    case 'LegalHoldPlaced':
      return { ...state, legalHolds: [...state.legalHolds, event.data.holdId] };
    case 'LegalHoldReleased':
      return { ...state, legalHolds: state.legalHolds.filter((h) => h !== event.data.holdId) };
    case 'PartyAccessGranted':
      return { ...state, accessGrants: { ...state.accessGrants, [event.data.grantId]: event.data.department } };
    case 'PartyAccessRevoked':
      return { ...state, accessGrants: without(state.accessGrants, event.data.grantId) };
    default:
      return state;
  }
}

/** Departments whose staff see the party's profile: the registering department and break-glass grants in force. */
export function partyDepartments(state: PartyState): string[] {
  if (state.status === 'unknown') return [];
  const departments = new Set(Object.values(state.accessGrants));
  if (state.registeredBy) departments.add(state.registeredBy);
  return [...departments].sort();
}
