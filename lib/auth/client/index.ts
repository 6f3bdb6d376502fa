/**
 * @module
 * The OAuth 2.1 client of MCP's authorization: `createOAuthClient` is the `auth` option of the
 * HTTP transports; the rest are its parts, usable on their own.
 */
export { createOAuthClient, type OAuthClientOptions } from './oauth-client.js';
export { type Authorize, authorizationCodeGrant } from './authorization-code.js';
export { browserPopup, type BrowserPopupOptions, completeBrowserPopup } from './browser-popup.js';
export {
  type ClientRegistration,
  type CredentialStore,
  memoryCredentialStore,
  type StoredTokens,
} from './credential-store.js';
export { type ClientIdentity, type ClientMetadata } from './client-registration.js';
export { type ClientPrivateKey } from './client-authentication.js';
export { type AssertionContext, JWT_BEARER_GRANT, type MachineGrant } from './machine-grants.js';
export { enterpriseManagedGrant, type EnterpriseIdp } from './enterprise-managed.js';
export { createDpopSigner, type DpopSigner } from './dpop.js';
export { discoverProtectedResource, type ProtectedResourceMetadata, resourceCovers } from './protected-resource.js';
export { discoverAuthorizationServer } from './authorization-server.js';
export { selectScope } from './scope-selection.js';
export { parseWwwAuthenticate, type AuthChallenge } from './www-authenticate.js';
