export { createApiToken, createTokenInput, type CreateTokenInput } from "./create-api-token";
export { listApiTokens, revokeApiToken } from "./manage-api-tokens";
export { authenticateApiToken, reloadCaller } from "./authenticate-api-token";
export { scopeAllowsMethod } from "./token-scope";
export type { ApiTokenView } from "./token-view";
