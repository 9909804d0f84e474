import createClient, { type Middleware } from 'openapi-fetch';
import type { paths, Problem } from './contract';

/** Called when the API answers 401 to a signed-in request (token expired or revoked). */
let onUnauthorized: () => void = () => undefined;
let token: string | null = null;

export function setToken(value: string | null, unauthorized: () => void = () => undefined): void {
  token = value;
  onUnauthorized = unauthorized;
}

const auth: Middleware = {
  onRequest({ request }) {
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ response }) {
    if (response.status === 401 && token) onUnauthorized();
    return response;
  },
};

/** The typed client: every path, parameter and body is checked against the API's OpenAPI document. */
export const api = createClient<paths>({ baseUrl: location.origin });
api.use(auth);

/** A failed call: the API's problem details, or a network failure with status 0. */
export class ApiProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
  }
  get status(): number {
    return this.problem.status;
  }
  fieldErrors(): Record<string, string[]> {
    return Object.fromEntries((this.problem.errors ?? []).map((e) => [e.field, e.messages]));
  }
}

/** What every write answers with: the ledger position to read it back at. */
export interface Written { position: number }

/** Read-your-writes: a read sent with X-Min-Position waits until the read models include that write. */
export function readAfter(position: number | null): Record<string, string> {
  return position === null ? {} : { 'X-Min-Position': String(position) };
}

/** Unwraps an openapi-fetch result: the data, or throws an ApiProblem. */
export async function call<T>(request: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await request;
  } catch {
    throw new ApiProblem({ type: 'about:blank', title: 'Network error', status: 0, code: 'NETWORK', detail: '' });
  }
  if (result.response.ok) return result.data as T;
  const error = result.error as Partial<Problem> | undefined;
  throw new ApiProblem({ type: 'about:blank', title: '', detail: '', code: 'HTTP', ...(error ?? {}), status: result.response.status });
}

/**
 * Idempotency-Key per write: the same body sent again after a failure (a retry) reuses its key, so the API
 * answers with the first result instead of recording twice; a changed body or a write that succeeded gets a new one.
 */
export class IdempotencyKeys {
  private last: { body: string; key: string } | null = null;

  for(body: unknown): string {
    const text = JSON.stringify(body);
    if (!this.last || this.last.body !== text) this.last = { body: text, key: crypto.randomUUID() };
    return this.last.key;
  }

  succeeded(): void {
    this.last = null;
  }
}
