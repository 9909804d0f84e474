import { DomainEvent } from '../shared/decider';

export const CORRESPONDENCE_CHANNELS = ['letter', 'email', 'web-form', 'counter', 'fax'] as const;
export type CorrespondenceChannel = (typeof CORRESPONDENCE_CHANNELS)[number];
export const CORRESPONDENCE_STATUSES = ['received', 'acknowledged', 'assigned', 'responded', 'closed'] as const;
export type CorrespondenceStatus = (typeof CORRESPONDENCE_STATUSES)[number];

/** Attachment metadata only; files live outside the event store, pinned by their SHA-256. */
export interface Attachment {
  readonly name: string;
  readonly mediaType: string;
  readonly sizeBytes: number;
  readonly sha256: string;
}

export type CorrespondenceReceived = DomainEvent<'CorrespondenceReceived', {
  correspondenceId: string;
  partyIds: readonly string[];
  channel: CorrespondenceChannel;
  subject: string;
  receivedAt: string;
  dueAt: string;
  department: string;
  reference?: string;
  attachments: readonly Attachment[];
}>;
type Step<T extends string, D> = DomainEvent<T, D & { correspondenceId: string; partyIds: readonly string[] }>;
export type CorrespondenceAcknowledged = Step<'CorrespondenceAcknowledged', { note?: string }>;
export type CorrespondenceAssigned = Step<'CorrespondenceAssigned', { assigneeId: string; department?: string }>;
export type CorrespondenceResponded = Step<'CorrespondenceResponded', { summary: string; channel: CorrespondenceChannel; attachments: readonly Attachment[] }>;
export type CorrespondenceClosed = Step<'CorrespondenceClosed', { resolution: string }>;
export type CorrespondenceReopened = Step<'CorrespondenceReopened', { reason: string; dueAt?: string }>;

export type CorrespondenceEvent =
  | CorrespondenceReceived
  | CorrespondenceAcknowledged
  | CorrespondenceAssigned
  | CorrespondenceResponded
  | CorrespondenceClosed
  | CorrespondenceReopened;
