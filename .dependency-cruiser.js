/** Layering rules: the domain is pure; vendor drivers stay inside their adapter folders. */
module.exports = {
  forbidden: [
    {
      name: 'no-domain-to-anything',
      comment: 'libs/domain is pure TypeScript: no Nest, drivers or other libs.',
      severity: 'error',
      from: { path: '^libs/domain' },
      to: { pathNot: ['^libs/domain', '^node_modules/typescript'], dependencyTypesNot: ['core'] },
    },
    {
      name: 'no-node-builtins-in-domain',
      severity: 'error',
      from: { path: '^libs/domain' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'sqlite-driver-only-in-sqlite-adapters',
      comment: 'better-sqlite3 types and calls stay inside */sqlite/ adapter folders.',
      severity: 'error',
      from: { pathNot: ['/sqlite/', '^tests/', '^bench/'] },
      to: { path: 'node_modules/better-sqlite3' },
    },
    {
      name: 'vendor-drivers-only-in-adapters',
      comment: 'EventStoreDB, MongoDB and Kafka clients belong in their adapter folders.',
      severity: 'error',
      from: { pathNot: ['/esdb/', '/mongo/', '/kafka/', '^tests/'] },
      to: { path: 'node_modules/(@eventstore|@kurrent|mongodb|kafkajs)' },
    },
    {
      name: 'libs-not-to-apps',
      severity: 'error',
      from: { path: '^libs' },
      to: { path: '^apps' },
    },
    {
      name: 'no-nest-in-core-libs',
      comment: 'Ports, adapters and projections are framework-free; Nest lives in apps/.',
      severity: 'error',
      from: { path: '^libs/(domain|event-store|read-models|audit|messaging|privacy)' },
      to: { path: 'node_modules/@nestjs' },
    },
    {
      name: 'cli-and-worker-not-to-api',
      comment: 'The CLI and the worker run use cases from libs/application over libs/composition; the HTTP app is not theirs to import.',
      severity: 'error',
      from: { path: '^apps/(cli|worker)' },
      to: { path: '^apps/api' },
    },
    {
      name: 'application-knows-no-http',
      comment: 'Use cases are transport-neutral: no HTTP framework, request DTO validation or OpenAPI in libs/application.',
      severity: 'error',
      from: { path: '^libs/application' },
      to: { path: ['node_modules/(express|fastify|@fastify|@nestjs/platform-express|@nestjs/platform-fastify|@nestjs/swagger|class-validator|class-transformer|helmet|@nestjs/throttler)', '^libs/composition', '^apps'] },
    },
    {
      name: 'console-speaks-only-http',
      comment: 'The staff console runs in the browser and knows the API only through its OpenAPI document (the generated client).',
      severity: 'error',
      from: { path: '^apps/console' },
      to: { path: ['^libs', '^apps/(api|cli|worker)', 'node_modules/@nestjs'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^dist/|\\.spec\\.ts$|\\.int-spec\\.ts$|\\.contract\\.ts$|spec-kit)' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
  },
};
