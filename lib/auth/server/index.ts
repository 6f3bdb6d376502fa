/**
 * @module
 * The resource server half of MCP authorization (OAuth 2.1): a web-standard check of each
 * request's access token (JWT with the issuer's JWKS, introspection, or your own verifier;
 * audience, expiry, DPoP binding, scopes) and the Protected Resource Metadata it points clients to.
 */
export { authInfoFromClaims, type AuthInfo } from './auth-info.js';
export {
  discoverIssuerMetadata,
  issuerMetadataUrls,
  type AuthorizationServerMetadata,
} from './authorization-server-metadata.js';
export { checkDpopProof, createJtiMemory, DEFAULT_DPOP_ALGORITHMS, type DpopCheck } from './dpop-proof.js';
export { denialResponse, metadataResponse } from './fetch-answers.js';
export { introspectionVerifier, type IntrospectionVerifierOptions } from './introspection-verifier.js';
export { jwtVerifier, type JwtVerifierOptions } from './jwt-verifier.js';
export {
  isProtectedResourceMetadataPath,
  PROTECTED_RESOURCE_WELL_KNOWN,
  protectedResourceMetadataUrl,
  type ProtectedResourceMetadata,
} from './protected-resource-metadata.js';
export {
  createResourceGuard,
  type GuardDenial,
  type GuardOutcome,
  type GuardRequest,
  type ResourceGuard,
  type ResourceGuardOptions,
} from './resource-guard.js';
export { TOKEN_EXPIRED_CLOSE_CODE, TOKEN_EXPIRED_CLOSE_REASON, tokenExpiry } from './token-expiry.js';
export { isTokenRefusal, refuseToken, type TokenRequest, type TokenVerifier } from './token-verifier.js';
export { wwwAuthenticate, type BearerErrorCode, type ChallengeParams } from './www-authenticate.js';
