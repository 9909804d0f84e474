export * from './amend-interaction/amend-interaction.command';
export * from './get-interaction/get-interaction.query';
export * from './link-interaction-to-correspondence/link-interaction-to-correspondence.command';
export * from './record-interaction/record-interaction.command';
export * from './set-interaction-confidentiality/set-interaction-confidentiality.command';
export * from './interaction.handlers';
