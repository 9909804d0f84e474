import { Projection } from '../projection';
import { correspondenceProjection } from './correspondence.projection';
import { interactionsProjection } from './interactions.projection';
import { partyLookupProjection } from './party-lookup.projection';
import { partyViewProjection } from './party-view.projection';
import { timelineProjection } from './timeline.projection';
import { accessLogProjection } from './access-log.projection';
import { partyDuplicatesProjection } from './party-duplicates.projection';

/** Checkpoint name of the view set; bump the version when any projection changes its output. */
export const VIEWS_CHECKPOINT = 'views.v1';

/** Order matters: later projections read documents the earlier ones wrote for the same event. */
export const LEDGER_PROJECTIONS: readonly Projection[] = [
  interactionsProjection,
  correspondenceProjection,
  partyViewProjection,
  timelineProjection,
  partyLookupProjection,
  partyDuplicatesProjection,
  accessLogProjection,
];

export const LEDGER_COLLECTIONS = LEDGER_PROJECTIONS.flatMap((p) => p.collections.map((c) => c.name));
