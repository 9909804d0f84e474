import { Type } from '@nestjs/common';
import { AccessLogPageResponse, BundleDocumentResponse, CheckpointListResponse, ConsistencyProofResponse, InclusionProofResponse, PublicKeyResponse, SignedCheckpointResponse, VerifyLedgerResponse } from '../audit/audit.responses';
import { CorrespondencePageResponse, CorrespondenceViewResponse } from '../correspondence/correspondence-view.response';
import { LivenessResponse, ReadinessResponse } from '../health/health.responses';
import { ContactPointAddedResponse, LegalHoldPlacedResponse, RelationshipLinkedResponse, WriteResultResponse } from '../http/write-result.response';
import { InteractionViewResponse } from '../interactions/interaction-view.response';
import { AccessGrantPageResponse } from '../parties/access-grant.response';
import { MeResponse } from '../session/me.response';
import { ConsoleConfigResponse } from '../session/console-config.controller';
import { DuplicateCandidatePageResponse } from '../parties/duplicates.response';
import { ConsentDecisionResponse, PartyChangesResponse, PartySearchResponse, PartyViewResponse, TimelinePageResponse } from '../parties/party-view.response';

export type ResponseHeader = 'ETag' | 'Location' | 'X-Ledger-Position' | 'Idempotent-Replayed' | 'Content-Disposition';

export interface SuccessBody {
  readonly type?: Type;
  /** Media type when it is not JSON (the body is then a string). */
  readonly mediaType?: string;
  readonly headers?: readonly ResponseHeader[];
}

const WRITE_HEADERS: ResponseHeader[] = ['ETag', 'X-Ledger-Position', 'Idempotent-Replayed'];
const CREATE_HEADERS: ResponseHeader[] = [...WRITE_HEADERS, 'Location'];

/** Operations that create a top-level resource (201 with Location), and what they create; the document links them to it. */
export const CREATED: Record<string, string> = {
  PartiesController_register: 'party',
  InteractionsController_record: 'interaction',
  CorrespondenceController_receive: 'correspondence item',
};
export const CREATES = Object.keys(CREATED);

/** Body and headers of each operation's success response; command writes default to the write result. */
export const SUCCESS_BODIES: Record<string, SuccessBody> = {
  PartiesController_register: { type: WriteResultResponse, headers: CREATE_HEADERS },
  PartiesController_addContactPoint: { type: ContactPointAddedResponse, headers: WRITE_HEADERS },
  PartiesController_linkRelationship: { type: RelationshipLinkedResponse, headers: WRITE_HEADERS },
  PartiesController_placeLegalHold: { type: LegalHoldPlacedResponse, headers: WRITE_HEADERS },
  InteractionsController_record: { type: WriteResultResponse, headers: CREATE_HEADERS },
  CorrespondenceController_receive: { type: WriteResultResponse, headers: CREATE_HEADERS },
  PartyReadsController_search: { type: PartySearchResponse },
  PartyReadsController_view: { type: PartyViewResponse, headers: ['ETag'] },
  PartyReadsController_consentCheck: { type: ConsentDecisionResponse },
  PartyReadsController_timeline: { type: TimelinePageResponse },
  PartyReadsController_changes: { type: PartyChangesResponse },
  PartyReadsController_export: { mediaType: 'application/x-ndjson', headers: ['Content-Disposition'] },
  InteractionsController_get: { type: InteractionViewResponse, headers: ['ETag'] },
  CorrespondenceController_list: { type: CorrespondencePageResponse },
  CorrespondenceController_get: { type: CorrespondenceViewResponse, headers: ['ETag'] },
  AuditController_access: { type: AccessLogPageResponse },
  AuditController_verify: { type: VerifyLedgerResponse },
  AuditController_checkpoint: { type: SignedCheckpointResponse },
  AuditController_checkpoints: { type: CheckpointListResponse },
  AuditController_publicKey: { type: PublicKeyResponse },
  AuditController_inclusion: { type: InclusionProofResponse },
  AuditController_consistency: { type: ConsistencyProofResponse },
  HealthController_live: { type: LivenessResponse },
  HealthController_ready: { type: ReadinessResponse },
  AccessGrantsController_list: { type: AccessGrantPageResponse },
  MeController_me: { type: MeResponse },
  ConsoleConfigController_consoleConfig: { type: ConsoleConfigResponse },
  DuplicatesController_list: { type: DuplicateCandidatePageResponse },
  BundlesController_bundle: { type: BundleDocumentResponse, headers: ['Content-Disposition'] },
};

export const COMMAND_WRITE: SuccessBody = { type: WriteResultResponse, headers: WRITE_HEADERS };

export const RESPONSE_MODELS: Type[] = [
  WriteResultResponse, ...Object.values(SUCCESS_BODIES).flatMap((b) => (b.type ? [b.type] : [])),
];
