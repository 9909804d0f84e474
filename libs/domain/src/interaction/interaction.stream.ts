export const INTERACTION_STREAM_PREFIX = 'interaction-';

export function interactionStreamId(interactionId: string): string {
  return `${INTERACTION_STREAM_PREFIX}${interactionId}`;
}
