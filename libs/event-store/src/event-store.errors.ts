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

/**
 * An answer, not a fault: every write that starts a stream (each new contact, each registration) reads it
 * first and gets this. It carries no stack trace; capturing one through the request's async frames cost
 * more than the rest of the read.
 */
export class StreamNotFound extends Error {
  readonly streamId: string;

  constructor(streamId: string) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      super(`Stream ${streamId} not found.`);
    } finally {
      Error.stackTraceLimit = limit;
    }
    this.streamId = streamId;
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
