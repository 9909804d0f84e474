import { ChainBreak, checkLink, EventStore } from '@civic-ledger/event-store';

export interface VerifyReport {
  readonly ok: boolean;
  readonly events: number;
  readonly streams: number;
  readonly headPosition: number;
  readonly eventTypes: Record<string, number>;
  readonly breaks: ChainBreak[];
  readonly missingTail: { streamId: string; expectedRevision: number; foundRevision: number }[];
}

/** Walks every event in global order and checks each stream's hash chain from genesis to head. */
export async function verifyChains(events: EventStore, onProgress?: (done: number, total: number) => void): Promise<VerifyReport> {
  const heads = new Map<string, { revision: number; hash: string }>();
  const eventTypes: Record<string, number> = {};
  const breaks: ChainBreak[] = [];
  const headPosition = await events.headPosition();
  let position = 0;
  let count = 0;
  for (;;) {
    const batch = await events.readAll({ fromPosition: position, limit: 2000 });
    if (batch.length === 0) break;
    for (const event of batch) {
      const problem = checkLink(event, heads.get(event.streamId));
      if (problem) breaks.push(problem);
      heads.set(event.streamId, { revision: event.revision, hash: event.hash });
      eventTypes[event.type] = (eventTypes[event.type] ?? 0) + 1;
      position = event.position;
      count += 1;
    }
    onProgress?.(position, headPosition);
  }
  const missingTail: VerifyReport['missingTail'] = [];
  for (const [streamId, head] of heads) {
    const meta = await events.streamMetadata(streamId);
    if (meta && (meta.revision !== head.revision || meta.lastHash !== head.hash)) {
      missingTail.push({ streamId, expectedRevision: meta.revision, foundRevision: head.revision });
    }
  }
  return { ok: breaks.length === 0 && missingTail.length === 0, events: count, streams: heads.size, headPosition, eventTypes, breaks, missingTail };
}
