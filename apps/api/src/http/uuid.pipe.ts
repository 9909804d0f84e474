import { ParseUUIDPipe } from '@nestjs/common';
import { ApiError } from './api-error';

/** Path ids are UUIDs; anything else is a 400 problem, not a lookup. */
export const uuidPipe = new ParseUUIDPipe({
  exceptionFactory: () => new ApiError('VALIDATION.FAILED', 'The id in the path is not a UUID.', [{ field: 'id', messages: ['id must be a UUID'] }]),
});
