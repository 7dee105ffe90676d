// The interactive sign-in: pick a method, answer its prompts, get an Altinn token through src/api.
import * as vscode from 'vscode';
import { AltinnApiError, type Environment } from '../api';
import { acquireToken, decodeJwtClaims, isExpired, TokenFormatError, type Credentials, type TokenEndpoints } from '../session';
import { SEED_ORG_NUMBERS } from './autoSignIn';
import { describeKeyProblem } from './labels';
import { normalizePem, parsePrivateKey, PrivateKeyError } from './privateKey';
import { errorMessage } from '../util/errors';
import type { Prompts } from '../util/prompts';

export interface SignInFlowInput {
  readonly environment: Environment;
  readonly ui: Prompts;
  readonly endpoints: TokenEndpoints;
  readonly now: () => number;
  /** The environment's autoSignIn identity, offered as the default test identity. */
  readonly autoSignIn?: Credentials;
}

export interface SignInResult {
  readonly token: string;
  readonly credentials: Credentials;
}

type MethodId = 'token' | 'maskinporten' | 'idporten' | 'testUser' | 'testOrg';
interface MethodItem extends vscode.QuickPickItem {
  readonly method: MethodId;
}

const SERVICE_OWNER_SCOPES = 'altinn:serviceowner/instances.read altinn:serviceowner/instances.write';

function need<T>(value: T | undefined): T {
  if (value === undefined) throw new vscode.CancellationError();
  return value;
}

export function signInMethods(environment: Environment): MethodItem[] {
  const items: MethodItem[] = [];
  if (environment.testTokenUrl) {
    items.push(
      { method: 'testUser', label: vscode.l10n.t('Test user'), detail: vscode.l10n.t('A localtest test user, such as 1337') },
      { method: 'testOrg', label: vscode.l10n.t('Test organisation'), detail: vscode.l10n.t('A service owner, such as ttd, with scopes') },
    );
  }
  if (environment.maskinportenTokenUrl) {
    items.push({ method: 'maskinporten', label: vscode.l10n.t('Maskinporten'), detail: vscode.l10n.t('For app owners: client id, key id, scopes and private key') });
  }
  if (environment.kind !== 'localtest') {
    items.push({ method: 'idporten', label: vscode.l10n.t('ID-porten token'), detail: vscode.l10n.t('Exchange an ID-porten (or other external) token for an Altinn token') });
  }
  items.push({ method: 'token', label: vscode.l10n.t('Paste an Altinn token'), detail: vscode.l10n.t('A JWT issued by Altinn') });
  return items;
}

export async function runSignInFlow(input: SignInFlowInput): Promise<SignInResult> {
  const picked = need(
    await input.ui.showQuickPick(signInMethods(input.environment), {
      title: vscode.l10n.t('Sign in to {0}', input.environment.name),
      placeHolder: vscode.l10n.t('How do you want to sign in?'),
      ignoreFocusOut: true,
    }),
  );
  const credentials = await askCredentials(picked.method, input);
  const ctx = { environment: input.environment, endpoints: input.endpoints };
  try {
    switch (credentials.method) {
      case 'token':
        return { token: await askJwt(input, vscode.l10n.t('Paste an Altinn token (JWT)')), credentials };
      case 'idporten': {
        const external = await askJwt(input, vscode.l10n.t('Paste the ID-porten (or other external) token to exchange'));
        return { token: await input.endpoints.exchange('id-porten', external), credentials };
      }
      default:
        return { token: await acquireToken(ctx, credentials), credentials };
    }
  } catch (err) {
    throw explainFailure(err, input.environment, credentials);
  }
}

/** Says which step refused the sign-in; the API error's own text carries no secrets. */
function explainFailure(err: unknown, environment: Environment, credentials: Credentials): unknown {
  if (!(err instanceof AltinnApiError) || err.kind !== 'http') return err;
  const status = err.status ?? '?';
  if (credentials.method === 'maskinporten' && environment.maskinportenTokenUrl && err.url.startsWith(environment.maskinportenTokenUrl)) {
    // Maskinporten's error_description (in err.text) names the failing part, e.g. an unknown client or key id.
    const message = err.text
      ? vscode.l10n.t('Maskinporten refused the grant ({0}): {1}. Check the client id, key id and scopes, and that the key is registered for the client.', status, err.text)
      : vscode.l10n.t('Maskinporten refused the grant ({0}). Check the client id, key id and scopes, and that the key is registered for the client.', status);
    return new Error(message, { cause: err });
  }
  if ((credentials.method === 'maskinporten' || credentials.method === 'idporten') && (status === 401 || status === 403)) {
    return new Error(
      vscode.l10n.t('Altinn refused to exchange the token ({0}). It must be valid, from the right issuer, and carry an Altinn scope.', status),
      { cause: err },
    );
  }
  return new Error(vscode.l10n.t('Sign-in to {0} failed: {1}', environment.name, errorMessage(err)), { cause: err });
}

async function askCredentials(method: MethodId, input: SignInFlowInput): Promise<Credentials> {
  switch (method) {
    case 'token':
    case 'idporten':
      return { method };
    case 'testUser':
      return { method, userId: Number(await askText(input, vscode.l10n.t('Test user id'), defaultUser(input), isUserId)) };
    case 'testOrg': {
      const auto = input.autoSignIn?.method === 'testOrg' ? input.autoSignIn : undefined;
      const org = await askText(input, vscode.l10n.t('Organisation code (org)'), auto?.org ?? 'ttd', (v) =>
        /^[a-z0-9]+$/.test(v) ? undefined : vscode.l10n.t('Use lower-case letters and digits, like ttd.'),
      );
      const orgNumber = await askText(input, vscode.l10n.t('Organisation number'), auto?.orgNumber ?? SEED_ORG_NUMBERS[org] ?? '', (v) =>
        /^\d{9}$/.test(v) ? undefined : vscode.l10n.t('An organisation number has 9 digits.'),
      );
      const scopes = await askText(input, vscode.l10n.t('Scopes (space separated)'), auto?.scopes ?? SERVICE_OWNER_SCOPES, requireText);
      return { method, org, orgNumber, scopes };
    }
    case 'maskinporten':
      return askMaskinporten(input);
  }
}

async function askMaskinporten(input: SignInFlowInput): Promise<Credentials> {
  const clientId = await askText(input, vscode.l10n.t('Maskinporten client id'), '', requireText);
  const scopes = await askText(input, vscode.l10n.t('Scopes (space separated)'), SERVICE_OWNER_SCOPES, requireText);
  const privateKey = await askPrivateKey(input);
  const { keyId: jwkKeyId } = parsePrivateKey(privateKey);
  const keyId = await askText(input, vscode.l10n.t('Key id (kid), if the client has several keys'), jwkKeyId ?? '', () => undefined);
  return { method: 'maskinporten', clientId, scopes, privateKey, keyId: keyId || undefined };
}

async function askPrivateKey(input: SignInFlowInput): Promise<string> {
  const fromFile = vscode.l10n.t('From a file…');
  const paste = vscode.l10n.t('Paste');
  const source = need(
    await input.ui.showQuickPick([{ label: fromFile }, { label: paste }], {
      title: vscode.l10n.t('Private key (PEM or JWK), kept only in VS Code\'s secret storage'),
      ignoreFocusOut: true,
    }),
  );
  let text: string;
  if (source.label === fromFile) {
    const [uri] = need(
      await input.ui.showOpenDialog({ canSelectMany: false, openLabel: vscode.l10n.t('Use this key'), filters: { [vscode.l10n.t('Keys')]: ['pem', 'key', 'json', 'jwk'] } }),
    );
    if (!uri) throw new vscode.CancellationError();
    text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
  } else {
    text = need(
      await input.ui.showInputBox({
        prompt: vscode.l10n.t('Paste the private key (PEM or JWK JSON)'),
        password: true,
        ignoreFocusOut: true,
        validateInput: (v) => keyProblem(normalizePem(v)),
      }),
    );
  }
  const normalized = normalizePem(text);
  const problem = keyProblem(normalized);
  if (problem) throw new PrivateKeyError(problem);
  return normalized;
}

function keyProblem(text: string): string | undefined {
  try {
    parsePrivateKey(text);
    return undefined;
  } catch (err) {
    return err instanceof PrivateKeyError ? describeKeyProblem(err) : vscode.l10n.t('The private key could not be read.');
  }
}

async function askJwt(input: SignInFlowInput, prompt: string): Promise<string> {
  const value = need(
    await input.ui.showInputBox({ prompt, password: true, ignoreFocusOut: true, validateInput: (v) => jwtProblem(v, input.now()) }),
  );
  const problem = jwtProblem(value, input.now());
  if (problem) throw new Error(problem);
  return value.trim();
}

function jwtProblem(value: string, now: number): string | undefined {
  try {
    return isExpired(decodeJwtClaims(value), now) ? vscode.l10n.t('This token has expired.') : undefined;
  } catch (err) {
    return err instanceof TokenFormatError ? errorMessage(err) : vscode.l10n.t('This is not a JWT.');
  }
}

async function askText(input: SignInFlowInput, prompt: string, value: string, validate: (v: string) => string | undefined): Promise<string> {
  const answer = need(await input.ui.showInputBox({ prompt, value, ignoreFocusOut: true, validateInput: (v) => validate(v.trim()) }));
  const trimmed = answer.trim();
  const problem = validate(trimmed);
  if (problem) throw new Error(problem);
  return trimmed;
}

function requireText(v: string): string | undefined {
  return v === '' ? vscode.l10n.t('This cannot be empty.') : undefined;
}

function isUserId(v: string): string | undefined {
  return /^[1-9]\d{0,9}$/.test(v) ? undefined : vscode.l10n.t('A user id is a positive whole number, like 1337.');
}

function defaultUser(input: SignInFlowInput): string {
  return input.autoSignIn?.method === 'testUser' ? String(input.autoSignIn.userId) : '1337';
}
