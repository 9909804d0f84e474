import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Principal, Role } from '@civic-ledger/application';

export const PUBLIC_ROUTE = 'civic-ledger:public';
export const ALLOWED_ROLES = 'civic-ledger:roles';

/** No token needed (health checks). Every other route needs a valid bearer token. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** The roles that may call a route. A route without it is refused to everyone (deny by default). */
export const Allow = (...roles: Role[]) => SetMetadata(ALLOWED_ROLES, roles);

export type AuthenticatedRequest = FastifyRequest & { principal?: Principal | null };

export function principalOf(req: AuthenticatedRequest): Principal {
  if (!req.principal) throw new Error('No principal on an authenticated route.');
  return req.principal;
}

export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => principalOf(ctx.switchToHttp().getRequest<AuthenticatedRequest>()));
