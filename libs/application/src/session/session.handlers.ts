import { GetMeHandler } from './get-me/get-me.handler';

/** Every session use case's handler, for ApplicationModule to provide (one folder per use case beside this file). */
export const SESSION_QUERY_HANDLERS = [GetMeHandler];
