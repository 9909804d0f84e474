export * from './key-vault.port';
export * from './local-key-wrapper';
export * from './sealed-field';
export * from './personal-data';
export * from './encrypting.event-store';
export * from './sqlite/sqlite.key-vault';
export * from './stored-key-vault';
