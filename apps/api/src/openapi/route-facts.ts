import { RequestMethod, Type } from '@nestjs/common';
import { METHOD_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ALLOWED_ROLES, PUBLIC_ROUTE } from '../auth/auth.decorators';

/** A request DTO class (constructor of a validated body or query). */
export type DtoClass = abstract new (...args: never[]) => unknown;

/** What the document refiner needs to know about one route, read from its decorators. */
export interface RouteFacts {
  readonly operationId: string;
  readonly method: RequestMethod;
  readonly isPublic: boolean;
  readonly roles: readonly string[];
  /** The @Body() DTO class, when the route takes a body. */
  readonly body?: DtoClass;
  /** The @Query() DTO class, when the route takes query parameters. */
  readonly query?: DtoClass;
}

function argumentOfType(controller: Type, method: string, type: RouteParamtypes): DtoClass | undefined {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<string, { index: number }>;
  const types = (Reflect.getMetadata('design:paramtypes', controller.prototype, method) ?? []) as DtoClass[];
  const key = Object.keys(args).find((k) => k.split(':')[0] === String(type));
  return key === undefined ? undefined : types[args[key].index];
}

/** One entry per route handler, keyed by the operationId @nestjs/swagger gives it (Controller_method). */
export function routeFacts(controllers: readonly Type[]): Map<string, RouteFacts> {
  const facts = new Map<string, RouteFacts>();
  for (const controller of controllers) {
    const proto = controller.prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(proto)) {
      const handler = proto[name];
      if (name === 'constructor' || typeof handler !== 'function') continue;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (method === undefined) continue;
      const isPublic = Boolean(Reflect.getMetadata(PUBLIC_ROUTE, handler) ?? Reflect.getMetadata(PUBLIC_ROUTE, controller));
      const roles = (Reflect.getMetadata(ALLOWED_ROLES, handler) ?? Reflect.getMetadata(ALLOWED_ROLES, controller) ?? []) as string[];
      const operationId = `${controller.name}_${name}`;
      facts.set(operationId, {
        operationId, method, isPublic, roles,
        body: argumentOfType(controller, name, RouteParamtypes.BODY), query: argumentOfType(controller, name, RouteParamtypes.QUERY),
      });
    }
  }
  return facts;
}
