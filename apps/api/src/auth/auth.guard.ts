import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiError } from '../http/api-error';
import { ALLOWED_ROLES, AuthenticatedRequest, PUBLIC_ROUTE } from './auth.decorators';
import { Role } from '@civic-ledger/application';
import { TOKEN_VERIFIER, TokenRejected, TokenVerifier } from '@civic-ledger/composition';

interface RouteRule {
  readonly public: boolean;
  readonly allowed: readonly Role[];
}

/** Bearer-token authentication and role check for every route; 401 / 403 as problem+json. */
@Injectable()
export class AuthGuard implements CanActivate {
  /** Each route's decorators (by class, then handler), read once: they are fixed when the class is defined. */
  private readonly rules = new WeakMap<object, WeakMap<object, RouteRule>>();

  constructor(private readonly reflector: Reflector, @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier) {}

  private ruleFor(context: ExecutionContext): RouteRule {
    const handler = context.getHandler();
    const type = context.getClass();
    let rules = this.rules.get(type);
    if (!rules) this.rules.set(type, (rules = new WeakMap()));
    let rule = rules.get(handler);
    if (!rule) {
      const targets = [handler, type];
      rule = { public: this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets) === true, allowed: this.reflector.getAllAndOverride<Role[]>(ALLOWED_ROLES, targets) ?? [] };
      rules.set(handler, rule);
    }
    return rule;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.ruleFor(context);
    if (rule.public) return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const match = /^Bearer ([A-Za-z0-9_.-]+)$/.exec(req.headers.authorization ?? '');
    if (!match) throw new ApiError('AUTH.UNAUTHENTICATED', 'Send a bearer token (Authorization: Bearer …); `civic-ledger token` mints one for the embedded issuer.');
    try {
      req.principal = await this.verifier.verify(match[1]);
    } catch (error) {
      if (error instanceof TokenRejected) throw new ApiError(error.kind === 'no-role' ? 'AUTH.FORBIDDEN' : 'AUTH.UNAUTHENTICATED', error.message);
      throw error;
    }
    const { allowed } = rule;
    if (!allowed.includes(req.principal.role)) {
      throw new ApiError('AUTH.FORBIDDEN', allowed.length ? `This needs one of the roles ${allowed.join(', ')}; the token's role is ${req.principal.role}.` : 'No role may call this route.');
    }
    return true;
  }
}
