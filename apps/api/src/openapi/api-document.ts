import { INestApplication, Type } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ProblemResponse } from './problem.response';
import { refineDocument } from './refine-document';
import { routeFacts } from './route-facts';
import { RESPONSE_MODELS } from './success-responses';

/** The OpenAPI document of the API as served at /openapi.json: generated, then refined to tell the truth. */
export function createApiDocument(app: INestApplication, controllers: readonly Type[]): OpenAPIObject {
  const document = SwaggerModule.createDocument(app, new DocumentBuilder()
    .setTitle('civic-ledger')
    .setDescription('Institutional memory for public services: every contact with a citizen as an immutable, verifiable event. '
      + 'Every error is application/problem+json with a stable `code`; every POST takes an Idempotency-Key.')
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'From your OIDC issuer, or `civic-ledger token` for the embedded one' })
    .build(), { extraModels: [ProblemResponse, ...RESPONSE_MODELS] });
  return refineDocument(document, routeFacts(controllers));
}
