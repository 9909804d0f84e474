import * as oauth from 'oauth4webapi';
import type { ConsoleConfig } from '../api/contract';

/** What the browser keeps between leaving for the issuer and coming back (this tab only). */
const PENDING = 'civic-ledger.oidc';

interface Pending { verifier: string; state: string; nonce: string; returnTo: string }

/** Plain http only when the operator configured an http issuer (a closed network or a test provider). */
const insecure = (issuer: string) => ({ [oauth.allowInsecureRequests]: new URL(issuer).protocol === 'http:' });

async function authorizationServer(issuer: string): Promise<oauth.AuthorizationServer> {
  const url = new URL(issuer);
  return oauth.processDiscoveryResponse(url, await oauth.discoveryRequest(url, { algorithm: 'oidc', ...insecure(issuer) }));
}

/** Authorization code flow with PKCE (S256), state and nonce: leaves for the issuer's sign-in page. */
export async function startOidcSignIn(config: ConsoleConfig): Promise<void> {
  const oidc = config.oidc;
  if (!oidc) throw new Error('OIDC is not configured');
  const as = await authorizationServer(oidc.issuer);
  if (!as.authorization_endpoint) throw new Error('the issuer has no authorization endpoint');
  const pending: Pending = {
    verifier: oauth.generateRandomCodeVerifier(), state: oauth.generateRandomState(), nonce: oauth.generateRandomNonce(),
    returnTo: location.pathname.startsWith('/console') && !location.pathname.startsWith('/console/callback') ? location.pathname + location.search : '/console/',
  };
  sessionStorage.setItem(PENDING, JSON.stringify(pending));
  const url = new URL(as.authorization_endpoint);
  url.search = new URLSearchParams({
    client_id: oidc.clientId, redirect_uri: oidc.redirectUri, response_type: 'code', scope: oidc.scopes,
    code_challenge: await oauth.calculatePKCECodeChallenge(pending.verifier), code_challenge_method: 'S256',
    state: pending.state, nonce: pending.nonce,
  }).toString();
  location.assign(url.href);
}

/** Back from the issuer: checks state, exchanges the code with the PKCE verifier; the access token and where to go. */
export async function finishOidcSignIn(config: ConsoleConfig): Promise<{ accessToken: string; returnTo: string }> {
  const oidc = config.oidc;
  const saved = sessionStorage.getItem(PENDING);
  sessionStorage.removeItem(PENDING);
  if (!oidc || !saved) throw new Error('no sign-in in progress');
  const pending = JSON.parse(saved) as Pending;
  const as = await authorizationServer(oidc.issuer);
  const client: oauth.Client = { client_id: oidc.clientId };
  const params = oauth.validateAuthResponse(as, client, new URL(location.href), pending.state);
  const response = await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), params, oidc.redirectUri, pending.verifier, insecure(oidc.issuer));
  const result = await oauth.processAuthorizationCodeResponse(as, client, response, { expectedNonce: pending.nonce, requireIdToken: true });
  return { accessToken: result.access_token, returnTo: pending.returnTo };
}
