import { Command } from '../shared/decider';
import { Attachment, CorrespondenceChannel } from './correspondence.events';

export type ReceiveCorrespondence = Command<'ReceiveCorrespondence', {
  correspondenceId: string;
  partyIds: readonly string[];
  knownPartyIds: readonly string[];
  channel: CorrespondenceChannel;
  subject: string;
  receivedAt: string;
  dueAt: string;
  department: string;
  reference?: string;
  attachments?: readonly Attachment[];
}>;
export type AcknowledgeCorrespondence = Command<'AcknowledgeCorrespondence', { correspondenceId: string; note?: string }>;
export type AssignCorrespondence = Command<'AssignCorrespondence', { correspondenceId: string; assigneeId: string; department?: string }>;
export type RespondToCorrespondence = Command<'RespondToCorrespondence', {
  correspondenceId: string;
  summary: string;
  channel: CorrespondenceChannel;
  attachments?: readonly Attachment[];
}>;
export type CloseCorrespondence = Command<'CloseCorrespondence', { correspondenceId: string; resolution: string }>;
export type ReopenCorrespondence = Command<'ReopenCorrespondence', { correspondenceId: string; reason: string; dueAt?: string }>;

export type CorrespondenceCommand =
  | ReceiveCorrespondence
  | AcknowledgeCorrespondence
  | AssignCorrespondence
  | RespondToCorrespondence
  | CloseCorrespondence
  | ReopenCorrespondence;
