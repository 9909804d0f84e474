export * from './roles';
export * from './access-policy';
export * from './party-view-for';
export * from './masked-hint';
