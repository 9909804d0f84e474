import type { components, paths as generated } from './schema';

/**
 * Routes of the console contract (GET /v1/me, /v1/console/config, duplicates, audit bundles) described here
 * until the OpenAPI document the schema is generated from has them; then `npm run console:api` brings them
 * into schema.ts and these declarations go.
 */
type Json<T> = { content: { 'application/json': T } };
type ProblemBody = { content: { 'application/problem+json': components['schemas']['ProblemResponse'] } };
type Params<Query, Path> = { query?: Query; header?: never; cookie?: never } & ([Path] extends [never] ? { path?: never } : { path: Path });
type Get<Res, Query = never, Path = never> = {
  parameters: Params<Query, Path>;
  get: { parameters: Params<Query, Path>; requestBody?: never; responses: { 200: Json<Res>; 401: ProblemBody; 403: ProblemBody; 404: ProblemBody } };
  put?: never; post?: never; delete?: never; options?: never; head?: never; patch?: never; trace?: never;
};

export interface Me {
  subject: string;
  role: string;
  departments: string[];
  allDepartments: boolean;
  confidentiality: string[];
  actions: string[];
  expiresAt?: string | null;
}

export interface ConsoleConfig {
  signIn: 'token' | 'oidc';
  oidc?: { issuer: string; clientId: string; redirectUri: string; scopes: string };
}

export interface DuplicateGroup {
  key: 'email' | 'phone' | 'identifier';
  hint: string;
  parties: { id: string; displayName: string }[];
}

type Contract = {
  '/v1/me': Get<Me>;
  '/v1/console/config': Get<ConsoleConfig>;
  '/v1/parties/duplicates': Get<{ items: DuplicateGroup[] }, { limit?: number }>;
  '/v1/audit/bundles/{partyId}': Get<Record<string, unknown>, never, { partyId: string }>;
};

export type paths = generated & Omit<Contract, keyof generated>;
export type Schemas = components['schemas'];
export type Problem = Schemas['ProblemResponse'];
