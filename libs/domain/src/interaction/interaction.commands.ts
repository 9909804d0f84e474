import { Command } from '../shared/decider';
import { Confidentiality, InteractionChanges, InteractionDetails } from './interaction.events';

export type RecordInteraction = Command<'RecordInteraction', InteractionDetails & {
  interactionId: string;
  confidentiality?: Confidentiality;
  /** Resolved by the handler: the ids among partyIds that exist and are not erased. */
  knownPartyIds: readonly string[];
}>;
export type AmendInteraction = Command<'AmendInteraction', { interactionId: string; changes: InteractionChanges; reason: string }>;
export type LinkInteractionToCorrespondence = Command<'LinkInteractionToCorrespondence', {
  interactionId: string;
  correspondenceId: string;
  correspondenceKnown: boolean;
}>;
export type SetInteractionConfidentiality = Command<'SetInteractionConfidentiality', { interactionId: string; level: Confidentiality; reason?: string }>;

export type InteractionCommand = RecordInteraction | AmendInteraction | LinkInteractionToCorrespondence | SetInteractionConfidentiality;
