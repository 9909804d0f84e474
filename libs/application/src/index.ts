export * from './access/roles';
export * from './access/access-policy';
export * from './access/party-view-for';
