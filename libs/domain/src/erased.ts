/** What personal data reads as once the party it belongs to was erased (crypto-shredded). */
export const ERASED = '[erased]';
