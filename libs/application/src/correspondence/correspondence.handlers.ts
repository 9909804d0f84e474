import { AcknowledgeCorrespondenceHandler } from './acknowledge-correspondence/acknowledge-correspondence.handler';
import { AssignCorrespondenceHandler } from './assign-correspondence/assign-correspondence.handler';
import { CloseCorrespondenceHandler } from './close-correspondence/close-correspondence.handler';
import { GetCorrespondenceHandler } from './get-correspondence/get-correspondence.handler';
import { ListCorrespondenceHandler } from './list-correspondence/list-correspondence.handler';
import { ReceiveCorrespondenceHandler } from './receive-correspondence/receive-correspondence.handler';
import { ReopenCorrespondenceHandler } from './reopen-correspondence/reopen-correspondence.handler';
import { RespondToCorrespondenceHandler } from './respond-to-correspondence/respond-to-correspondence.handler';

/** Every correspondence use case's handler, for ApplicationModule to provide (one folder per use case beside this file). */
export const CORRESPONDENCE_COMMAND_HANDLERS = [
  AcknowledgeCorrespondenceHandler, AssignCorrespondenceHandler, CloseCorrespondenceHandler, ReceiveCorrespondenceHandler, ReopenCorrespondenceHandler, RespondToCorrespondenceHandler,
];
export const CORRESPONDENCE_QUERY_HANDLERS = [GetCorrespondenceHandler, ListCorrespondenceHandler];
