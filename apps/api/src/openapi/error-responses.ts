import { RequestMethod } from '@nestjs/common';
import type { OperationObject, ResponseObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { RouteFacts } from './route-facts';

export const PROBLEM_REF = '#/components/schemas/ProblemResponse';

const WHY: Record<number, string> = {
  400: 'The request is not valid (parameters, headers or body); `errors` lists each field',
  401: 'No valid bearer token',
  403: "The token's role, departments or confidentiality levels may not do this (AUTH.FORBIDDEN, the same for reads and writes), or a party named in a new record is held by another department (AUTH.BREAK_GLASS_REQUIRED: give breakGlass.reason)",
  404: 'No such record',
  409: 'Conflicts with the record as it is now (or a concurrent change)',
  410: 'The party has been erased',
  412: 'If-Match does not match the current revision',
  413: 'The body is larger than the server accepts',
  415: 'The body is not JSON',
  422: 'A business rule refuses it, or the Idempotency-Key was used for another request',
  429: 'Too many requests from this client',
  503: 'The event store is unreachable, or the read models have not reached X-Min-Position in time',
};

export interface OperationShape {
  readonly path: string;
  readonly takesInput: boolean;
  readonly hasPathId: boolean;
  readonly hasBody: boolean;
  readonly takesIfMatch: boolean;
}

/** The error statuses an operation can answer, derived from what the route is and takes. */
export function errorStatuses(facts: RouteFacts, shape: OperationShape): number[] {
  if (facts.isPublic) return [];
  const write = facts.method === RequestMethod.POST || facts.method === RequestMethod.DELETE;
  const statuses = [401, 403, 429, 503];
  if (shape.takesInput) statuses.push(400);
  if (shape.hasPathId) statuses.push(404);
  if (write) statuses.push(409);
  if (write && shape.hasBody) statuses.push(422);
  if (write && shape.hasBody && shape.path.startsWith('/v1/parties/{id}')) statuses.push(410);
  if (shape.takesIfMatch) statuses.push(412);
  if (shape.hasBody) statuses.push(413, 415);
  return statuses.sort((a, b) => a - b);
}

export function problemResponse(status: number): ResponseObject {
  return { description: WHY[status] ?? 'Error', content: { 'application/problem+json': { schema: { $ref: PROBLEM_REF } } } };
}

export function addErrorResponses(operation: OperationObject, statuses: readonly number[]): void {
  for (const status of statuses) {
    if (operation.responses[String(status)] === undefined) operation.responses[String(status)] = problemResponse(status);
  }
}
