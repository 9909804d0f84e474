import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiError } from '../http/api-error';
import { ALLOWED_ROLES, AuthenticatedRequest, PUBLIC_ROUTE } from './auth.decorators';
import { Role } from '@civic-ledger/application';
import { TOKEN_VERIFIER, TokenRejected, TokenVerifier } from '@civic-ledger/composition';

/** Bearer-token authentication and role check for every route; 401 / 403 as problem+json. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector, @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const match = /^Bearer ([A-Za-z0-9_.-]+)$/.exec(req.headers.authorization ?? '');
    if (!match) throw new ApiError('AUTH.UNAUTHENTICATED', 'Send a bearer token (Authorization: Bearer …); `civic-ledger token` mints one for the embedded issuer.');
    try {
      req.principal = await this.verifier.verify(match[1]);
    } catch (error) {
      if (error instanceof TokenRejected) throw new ApiError(error.kind === 'no-role' ? 'AUTH.FORBIDDEN' : 'AUTH.UNAUTHENTICATED', error.message);
      throw error;
    }
    const allowed = this.reflector.getAllAndOverride<Role[]>(ALLOWED_ROLES, targets) ?? [];
    if (!allowed.includes(req.principal.role)) {
      throw new ApiError('AUTH.FORBIDDEN', allowed.length ? `This needs one of the roles ${allowed.join(', ')}; the token's role is ${req.principal.role}.` : 'No role may call this route.');
    }
    return true;
  }
}
