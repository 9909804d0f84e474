export class WrongExpectedRevision extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: number | string,
    /** The stream's actual revision, or -1 when it does not exist. */
    readonly actual: number,
  ) {
    super(`Stream ${streamId}: expected revision ${expected}, actual ${actual}.`);
    this.name = 'WrongExpectedRevision';
  }
}

export class StreamNotFound extends Error {
  constructor(readonly streamId: string) {
    super(`Stream ${streamId} not found.`);
    this.name = 'StreamNotFound';
  }
}

/** Some of the event ids are already stored, but not as this exact append. */
export class DuplicateEventId extends Error {
  constructor(readonly eventId: string) {
    super(`Event id ${eventId} is already stored elsewhere.`);
    this.name = 'DuplicateEventId';
  }
}

export class EventStoreUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EventStoreUnavailable';
  }
}
