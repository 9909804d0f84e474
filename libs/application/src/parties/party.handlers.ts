import { AddContactPointHandler } from './add-contact-point/add-contact-point.handler';
import { AddIdentifierHandler } from './add-identifier/add-identifier.handler';
import { ChangePartyNameHandler } from './change-party-name/change-party-name.handler';
import { CompleteErasureHandler } from './complete-erasure/complete-erasure.handler';
import { ExportPartyHandler } from './export-party/export-party.handler';
import { FindDuplicatesHandler } from './find-duplicates/find-duplicates.handler';
import { PartyChangesHandler } from './get-party-changes/get-party-changes.handler';
import { GetPartyHandler } from './get-party/get-party.handler';
import { GetTimelineHandler } from './get-timeline/get-timeline.handler';
import { GiveConsentHandler } from './give-consent/give-consent.handler';
import { LinkRelationshipHandler } from './link-relationship/link-relationship.handler';
import { ListAccessGrantsHandler } from './list-access-grants/list-access-grants.handler';
import { MergePartyHandler } from './merge-party/merge-party.handler';
import { PlaceLegalHoldHandler } from './place-legal-hold/place-legal-hold.handler';
import { RegisterPartyHandler } from './register-party/register-party.handler';
import { ReleaseLegalHoldHandler } from './release-legal-hold/release-legal-hold.handler';
import { RemoveContactPointHandler } from './remove-contact-point/remove-contact-point.handler';
import { RequestErasureHandler } from './request-erasure/request-erasure.handler';
import { RevokePartyAccessHandler } from './revoke-party-access/revoke-party-access.handler';
import { SearchPartiesHandler } from './search-parties/search-parties.handler';
import { UnlinkRelationshipHandler } from './unlink-relationship/unlink-relationship.handler';
import { UnmergePartyHandler } from './unmerge-party/unmerge-party.handler';
import { WithdrawConsentHandler } from './withdraw-consent/withdraw-consent.handler';

/** Every party use case's handler, for ApplicationModule to provide (one folder per use case beside this file). */
export const PARTY_COMMAND_HANDLERS = [
  AddContactPointHandler, AddIdentifierHandler, ChangePartyNameHandler, CompleteErasureHandler, GiveConsentHandler, LinkRelationshipHandler, MergePartyHandler, PlaceLegalHoldHandler, RegisterPartyHandler, ReleaseLegalHoldHandler, RemoveContactPointHandler, RequestErasureHandler, RevokePartyAccessHandler, UnlinkRelationshipHandler, UnmergePartyHandler, WithdrawConsentHandler,
];
export const PARTY_QUERY_HANDLERS = [ExportPartyHandler, FindDuplicatesHandler, PartyChangesHandler, GetPartyHandler, GetTimelineHandler, ListAccessGrantsHandler, SearchPartiesHandler];
