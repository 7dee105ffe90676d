// Every operation the emulator implements (issue 3 "What it serves"), named by the spec document,
// method and path template under which the OpenAPI documents describe it.
import type { ApiName } from './openapi-schemas';

export interface OperationRef {
  api: ApiName;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path template exactly as in the spec's `paths`. */
  path: string;
  /** Other concrete routes served by the same operation (docs/altinn-behaviour.md aliases), as templates. */
  aliases?: string[];
  /** Why no error response can be provoked, when that is so. */
  noErrorCase?: string;
  /** Why no success response can be provoked, when that is so. */
  noSuccessCase?: string;
}

const INST = '/{org}/{app}/instances/{instanceOwnerPartyId}/{instanceGuid}';
const S_INST = '/instances/{instanceOwnerPartyId}/{instanceGuid}';

function op(api: ApiName, method: OperationRef['method'], path: string, extra: Partial<OperationRef> = {}): OperationRef {
  return { api, method, path, ...extra };
}

export const OPERATIONS = {
  // Their only documented errors (409 org/app mismatch, 404 missing BPMN) cannot happen when every
  // app is served under its own id; an unknown app is answered by the gateway, not by an App API.
  appMetadata: op('app', 'GET', '/{org}/{app}/api/v1/applicationmetadata', {
    noErrorCase: 'anonymous; 409 needs an app served under a foreign id (§1.1)',
  }),
  appProcessDefinition: op('app', 'GET', '/{org}/{app}/api/v1/meta/process', {
    noErrorCase: 'anonymous; 409/404 need a foreign id or a missing BPMN file (§1.1)',
  }),
  appTexts: op('app', 'GET', '/{org}/{app}/api/v1/texts/{language}'),
  appLanguages: op('app', 'GET', '/{org}/{app}/api/v1/applicationlanguages', {
    noErrorCase: 'anonymous; its 404 needs an app without any text resources',
  }),
  appParties: op('app', 'GET', '/{org}/{app}/api/v1/parties'),
  instanceCreate: op('app', 'POST', '/{org}/{app}/instances'),
  instanceCreateSimplified: op('app', 'POST', '/{org}/{app}/instances/create'),
  instanceGet: op('app', 'GET', INST),
  instanceDelete: op('app', 'DELETE', INST),
  instancesActive: op('app', 'GET', '/{org}/{app}/instances/{instanceOwnerPartyId}/active'),
  instanceComplete: op('app', 'POST', `${INST}/complete`),
  instanceSubstatus: op('app', 'PUT', `${INST}/substatus`),
  dataCreateLegacy: op('app', 'POST', `${INST}/data`),
  // docs/altinn-behaviour.md §1.3: `data/{dataType}` and its alias `data/type/{dataType}`; the spec only lists the alias.
  dataCreate: op('app', 'POST', `${INST}/data/type/{dataType}`, { aliases: [`${INST}/data/{dataType}`] }),
  // docs/altinn-behaviour.md §1.3: also served as `.../{dataGuid}/type/{dataType}`.
  dataGet: op('app', 'GET', `${INST}/data/{dataGuid}`, { aliases: [`${INST}/data/{dataGuid}/type/{dataType}`] }),
  dataPut: op('app', 'PUT', `${INST}/data/{dataGuid}`, { aliases: [`${INST}/data/{dataGuid}/type/{dataType}`] }),
  dataDelete: op('app', 'DELETE', `${INST}/data/{dataGuid}`),
  processGet: op('app', 'GET', `${INST}/process`),
  processStart: op('app', 'POST', `${INST}/process/start`, {
    noSuccessCase: 'every instance is created with its process started (§1.2); start can only answer 409 here',
  }),
  processNext: op('app', 'PUT', `${INST}/process/next`),
  processHistory: op('app', 'GET', `${INST}/process/history`),
  validate: op('app', 'GET', `${INST}/validate`),

  storageQuery: op('storage', 'GET', '/instances'),
  storageInstance: op('storage', 'GET', S_INST),
  storageDataDownload: op('storage', 'GET', `${S_INST}/data/{dataGuid}`),
  storageDataCreate: op('storage', 'POST', `${S_INST}/data`),
  storageDataPut: op('storage', 'PUT', `${S_INST}/data/{dataGuid}`),
  storageDataDelete: op('storage', 'DELETE', `${S_INST}/data/{dataGuid}`),
  storageDataElements: op('storage', 'GET', `${S_INST}/dataelements`),
  storageEvents: op('storage', 'GET', `${S_INST}/events`),
  storageProcessHistory: op('storage', 'GET', `${S_INST}/process/history`),
  storageApplications: op('storage', 'GET', '/applications', {
    noErrorCase: 'anonymous and without parameters (docs/altinn-behaviour.md §2.2); nothing to get wrong',
  }),
  storageApplicationsByOrg: op('storage', 'GET', '/applications/{org}'),
  storageApplication: op('storage', 'GET', '/applications/{org}/{app}'),
  storageComplete: op('storage', 'POST', `${S_INST}/complete`),
  storageReadStatus: op('storage', 'PUT', `${S_INST}/readstatus`),
  storageSubstatus: op('storage', 'PUT', `${S_INST}/substatus`),
  storagePresentationTexts: op('storage', 'PUT', `${S_INST}/presentationtexts`),
  storageDataValues: op('storage', 'PUT', `${S_INST}/datavalues`),

  authExchange: op('authentication', 'GET', '/exchange/{tokenProvider}'),
  authRefresh: op('authentication', 'GET', '/refresh'),
  authJwks: op('authentication', 'GET', '/openid/.well-known/openid-configuration/jwks', {
    noErrorCase: 'anonymous, without parameters',
  }),
  testUserToken: op('appCustom', 'GET', '/Home/GetTestUserToken', { aliases: ['/Home/GetTestUserToken/{userId}'] }),

  eventsApp: op('events', 'GET', '/app/{org}/{app}'),
} satisfies Record<string, OperationRef>;

export type OperationId = keyof typeof OPERATIONS;
