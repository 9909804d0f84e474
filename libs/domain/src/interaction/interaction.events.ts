import { DomainEvent } from '../shared/decider';

export const CHANNELS = ['phone', 'email', 'counter', 'web-form', 'letter', 'sms', 'chat', 'social', 'field-visit'] as const;
export type Channel = (typeof CHANNELS)[number];
export const DIRECTIONS = ['inbound', 'outbound'] as const;
export type Direction = (typeof DIRECTIONS)[number];
export const CONFIDENTIALITY_LEVELS = ['normal', 'sensitive', 'restricted'] as const;
export type Confidentiality = (typeof CONFIDENTIALITY_LEVELS)[number];

export interface InteractionDetails {
  readonly channel: Channel;
  readonly direction: Direction;
  readonly occurredAt: string;
  readonly partyIds: readonly string[];
  readonly staffId?: string;
  readonly department: string;
  readonly program?: string;
  readonly topics: readonly string[];
  readonly summary: string;
  readonly outcome?: string;
  /** 1 (very dissatisfied) to 5 (very satisfied). */
  readonly satisfaction?: number;
  readonly durationSeconds?: number;
}

/** Fields an amendment may correct. Parties and channel are identity, not correctable by amendment. */
export const AMENDABLE_FIELDS = ['occurredAt', 'department', 'program', 'topics', 'summary', 'outcome', 'satisfaction', 'durationSeconds'] as const;
export type AmendableField = (typeof AMENDABLE_FIELDS)[number];
export type InteractionChanges = Partial<Pick<InteractionDetails, AmendableField>>;

export type InteractionRecorded = DomainEvent<'InteractionRecorded', InteractionDetails & {
  interactionId: string;
  confidentiality: Confidentiality;
}>;
export type InteractionAmended = DomainEvent<'InteractionAmended', {
  interactionId: string;
  partyIds: readonly string[];
  changes: InteractionChanges;
  /** Values before the amendment, so the original stays visible without replay. */
  previous: InteractionChanges;
  reason: string;
}>;
export type InteractionLinkedToCorrespondence = DomainEvent<'InteractionLinkedToCorrespondence', {
  interactionId: string;
  partyIds: readonly string[];
  correspondenceId: string;
}>;
export type InteractionConfidentialitySet = DomainEvent<'InteractionConfidentialitySet', {
  interactionId: string;
  partyIds: readonly string[];
  level: Confidentiality;
  reason?: string;
}>;

export type InteractionEvent =
  | InteractionRecorded
  | InteractionAmended
  | InteractionLinkedToCorrespondence
  | InteractionConfidentialitySet;
