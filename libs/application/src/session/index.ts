export * from './get-me/get-me.query';
export * from './session.handlers';
