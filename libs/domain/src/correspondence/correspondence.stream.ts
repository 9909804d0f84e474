export const CORRESPONDENCE_STREAM_PREFIX = 'correspondence-';

export function correspondenceStreamId(correspondenceId: string): string {
  return `${CORRESPONDENCE_STREAM_PREFIX}${correspondenceId}`;
}
