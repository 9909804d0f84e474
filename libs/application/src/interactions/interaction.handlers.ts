import { AmendInteractionHandler } from './amend-interaction/amend-interaction.handler';
import { GetInteractionHandler } from './get-interaction/get-interaction.handler';
import { LinkInteractionToCorrespondenceHandler } from './link-interaction-to-correspondence/link-interaction-to-correspondence.handler';
import { RecordInteractionHandler } from './record-interaction/record-interaction.handler';
import { SetInteractionConfidentialityHandler } from './set-interaction-confidentiality/set-interaction-confidentiality.handler';

/** Every interaction use case's handler, for ApplicationModule to provide (one folder per use case beside this file). */
export const INTERACTION_COMMAND_HANDLERS = [
  AmendInteractionHandler, LinkInteractionToCorrespondenceHandler, RecordInteractionHandler, SetInteractionConfidentialityHandler,
];
export const INTERACTION_QUERY_HANDLERS = [GetInteractionHandler];
