import { ExportBundleHandler } from './export-bundle/export-bundle.handler';
import { AccessLogHandler } from './get-access-log/get-access-log.handler';
import { ConsistencyProofHandler } from './get-consistency-proof/get-consistency-proof.handler';
import { InclusionProofHandler } from './get-inclusion-proof/get-inclusion-proof.handler';
import { PublicKeyHandler } from './get-public-key/get-public-key.handler';
import { ListCheckpointsHandler } from './list-checkpoints/list-checkpoints.handler';
import { SignCheckpointHandler } from './sign-checkpoint/sign-checkpoint.handler';
import { VerifyLedgerHandler } from './verify-ledger/verify-ledger.handler';

/** Every audit use case's handler, for ApplicationModule to provide (one folder per use case beside this file). */
export const AUDIT_COMMAND_HANDLERS = [
  SignCheckpointHandler,
];
export const AUDIT_QUERY_HANDLERS = [ExportBundleHandler, AccessLogHandler, ConsistencyProofHandler, InclusionProofHandler, PublicKeyHandler, ListCheckpointsHandler, VerifyLedgerHandler];
