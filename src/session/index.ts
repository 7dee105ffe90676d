// The session core shared by the extension (src/auth) and the CLI (src/cli): token acquisition, renewal,
// who a token belongs to, and the stored-session shape. No vscode, no keychain: storage comes in through
// SecretBackend.
export { acquireToken, type AcquireContext, type TokenEndpoints } from './acquire';
export { activate, type ActiveSession } from './active';
export * from './claims';
export { RETRY_AFTER_FAILURE_MS, safeMessage, SessionRenewal, type RenewalHost, type SessionEndReason, type SessionLog } from './renewal';
export { SharedWork } from './sharedWork';
export { environmentBinding, newStoredSession, parseStoredSession, SessionStore, type Credentials, type SecretBackend, type StoredSession } from './stored';
