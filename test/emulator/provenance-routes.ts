// One entry per registered emulator route (provenance.ts). Instance routes: INST = /:org/:app/instances/:party/:guid
// (App API), SI = /storage/api/v1/instances/:party/:guid (Storage).
import type { RouteEntry } from './provenance';
import { authn, authz, ctl, events, localtest, sql, sto, studio } from './provenance-cite';

const INST = '/:org/:app/instances/:party/:guid';
const SI = '/storage/api/v1/instances/:party/:guid';

const CONTROL = 'Test control of the emulator (README "Faults", "Interface"); real Altinn has nothing like it.';

export const ROUTES: RouteEntry[] = [
  // ---- test controls (no Altinn counterpart) ----
  { route: 'POST /_emulator/faults', section: '—', sources: [], reason: CONTROL },
  { route: 'GET /_emulator/faults', section: '—', sources: [], reason: CONTROL },
  { route: 'DELETE /_emulator/faults', section: '—', sources: [], reason: CONTROL },
  { route: 'DELETE /_emulator/faults/:id', section: '—', sources: [], reason: CONTROL },
  { route: 'GET /_emulator/stats', section: '—', sources: [], reason: CONTROL },
  { route: 'POST /_emulator/maskinporten/clients', section: '—', sources: [], reason: `${CONTROL} Stands in for a Maskinporten client registration in Digdir's self-service portal.` },
  { route: 'GET /_emulator/idporten-token', section: '—', sources: [], reason: `${CONTROL} Stands in for an ID-porten login, which no Altinn repository implements.` },
  { route: 'POST /maskinporten/token', section: '§3', sources: [],
    reason: 'Maskinporten is Digdir\'s OAuth server, not an Altinn repository; the JWT-bearer grant follows RFC 7523 and Digdir\'s public documentation.' },

  // ---- app-localtest test tokens (§3) ----
  { route: 'GET /Home/GetTestUserToken', section: '§3', sources: [localtest('src/Controllers/HomeController.cs', 'GetTestUserToken')],
    reason: 'An unknown user is an empty 404 (NotFound()) in every profile.' },
  { route: 'GET /Home/GetTestUserToken/:userId', section: '§3', sources: [localtest('src/Controllers/HomeController.cs', 'GetTestUserToken')],
    reason: 'An unknown user is an empty 404 (NotFound()) in every profile.' },
  { route: 'GET /Home/GetTestOrgToken', section: '§3', sources: [localtest('src/Controllers/HomeController.cs', 'GetTestOrgToken')],
    divergence: 'localtest looks an unknown org number up on altinncdn.no; the emulator, offline, leaves it out of the token (localtest and studioctl profiles) or answers 404 unless orgNumber= is given (default profile).' },
  { route: 'GET /Home/GetTestOrgToken/:org', section: '§3', sources: [localtest('src/Controllers/HomeController.cs', 'GetTestOrgToken')],
    divergence: 'localtest looks an unknown org number up on altinncdn.no; the emulator, offline, leaves it out of the token (localtest and studioctl profiles) or answers 404 unless orgNumber= is given (default profile).' },
  { route: 'GET /Home/auth/user', section: '§3', sources: [localtest('src/Controllers/TestAuthenticationController.cs', 'GetUserToken')] },
  { route: 'GET /Home/auth/serviceowner', section: '§3', sources: [localtest('src/Controllers/TestAuthenticationController.cs', 'GetServiceOwnerToken')] },
  { route: 'GET /Home/auth/org', section: '§3', sources: [localtest('src/Controllers/TestAuthenticationController.cs', 'GetOrgToken')] },
  { route: 'GET /Home/Localtest/Version', section: '§5',
    sources: [localtest('src/Controllers/HomeController.cs', 'LocalTestApi.Version'), localtest('src/Constants/LocalTestApi.cs', 'Version = 5'),
      studio('src/Runtime/localtest/src/Constants/LocalTestApi.cs', 'Version = 6')],
    reason: 'The localtest profile answers 5 and the studioctl profile 6, as JSON numbers; the default profile answers the text 1, a version of its own.' },

  // ---- Authentication (§3) ----
  { route: 'GET /authentication/api/v1/exchange/:provider', section: '§3',
    sources: [authn('src/Authentication/Controllers/AuthenticationController.cs', 'ExchangeExternalSystemToken')] },
  { route: 'GET /authentication/api/v1/refresh', section: '§3',
    sources: [authn('src/Authentication/Controllers/AuthenticationController.cs', 'RefreshJwtCookie'),
      localtest('src/Controllers/Authentication/AuthenticationController.cs', 'RefreshJWTCookie')] },
  { route: 'GET /authentication/api/v1/openid/.well-known/openid-configuration/jwks', section: '§3',
    sources: [authn('src/Authentication/Controllers/OpenIdController.cs', 'GetJsonWebKeySetAsync'),
      localtest('src/Controllers/Authentication/OpenIdController.cs', 'GetJsonWebKeySet')] },

  // ---- Authorization (§3) ----
  { route: 'GET /authorization/api/v1/parties', section: '§3',
    sources: [authz('src/Authorization/Controllers/PartiesController.cs', 'GetPartyList'),
      localtest('src/Controllers/Authorization/PartiesController.cs', 'GetPartyList')],
    reason: 'Platform-internal: localtest\'s nginx sends /authorization/ to the app (the localtest profile answers the app\'s 404); the default profile serves it on its one host.' },

  // ---- Storage (§2) ----
  { route: 'GET /storage/api/v1/instances', section: '§2.1',
    sources: [sto('InstancesController', 'GetInstances'), sql('readinstancefromquery', 'ORDER BY')] },
  { route: `GET ${SI}`, section: '§2.2', sources: [sto('InstancesController', 'public async Task<ActionResult<Instance>> Get('), sto('InstancesController', 'Unable to find instance')] },
  { route: 'GET /storage/api/v1/instances/:guid', section: '§2.2', sources: [sto('InstancesController', 'GetByGuid'), localtest('src/Controllers/Storage/InstancesController.cs', 'InstancesController')],
    reason: 'The read by guid alone, authorised as GET instances/{partyId}/{guid}; localtest has no such route, so the localtest and studioctl profiles answer its empty 404.' },
  { route: `DELETE ${SI}`, section: '§2.2', sources: [sto('InstancesController', 'public async Task<ActionResult<Instance>> Delete(')],
    divergence: 'No preventInstanceDeletionForDays check: Storage answers 403 text "Instance cannot be deleted yet due to application restrictions." (IsPreventedFromDeletion; README "Known differences"). An unknown instance: the emulator answers 403; Storage\'s delete policy (POLICY_INSTANCE_DELETE) asks the PDP first, whose answer for an unknown instance the source does not show.' },
  { route: 'PUT /storage/api/v1/sbl/instances/:party/:guid/undelete', section: '§2.2', sources: [sto('MessageboxInstancesController', 'Undelete')],
    divergence: 'An unknown instance: the emulator answers 403 as for DELETE (the PDP decides first); Storage\'s own answer after authorisation is 404 text "Didn\'t find the object that should be restored with instanceId=…".' },
  { route: `POST ${SI}/complete`, section: '§2.2', sources: [sto('InstancesController', 'AddCompleteConfirmation')] },
  { route: `PUT ${SI}/readstatus`, section: '§2.2', sources: [sto('InstancesController', 'UpdateReadStatus')] },
  { route: `PUT ${SI}/substatus`, section: '§2.2', sources: [sto('InstancesController', 'UpdateSubstatus')] },
  { route: `PUT ${SI}/presentationtexts`, section: '§2.2', sources: [sto('InstancesController', 'UpdatePresentationTexts')] },
  { route: `PUT ${SI}/datavalues`, section: '§2.2', sources: [sto('InstancesController', 'UpdateDataValues')] },
  { route: `GET ${SI}/events`, section: '§2.2', sources: [sto('InstanceEventsController', 'ActionResult<InstanceEventList>')] },
  { route: `GET ${SI}/process/history`, section: '§2.2', sources: [sto('ProcessController', 'GetProcessHistory')] },
  { route: `GET ${SI}/data/:dataGuid`, section: '§2.2', sources: [sto('DataController', 'public async Task<ActionResult> Get(')] },
  { route: `PUT ${SI}/data/:dataGuid`, section: '§2.2', sources: [sto('DataController', 'OverwriteData')] },
  { route: `DELETE ${SI}/data/:dataGuid`, section: '§2.2', sources: [sto('DataController', 'public async Task<ActionResult<DataElement>> Delete(')] },
  { route: `POST ${SI}/data`, section: '§2.2', sources: [sto('DataController', 'CreateAndUploadData')] },
  { route: `PUT ${SI}/data/:dataGuid/lock`, section: '§1.3', sources: [sto('DataLockController', 'Lock')] },
  { route: `DELETE ${SI}/data/:dataGuid/lock`, section: '§1.3', sources: [sto('DataLockController', 'Unlock')] },
  { route: `GET ${SI}/dataelements`, section: '§2.2', sources: [sto('DataController', 'GetMany')] },
  { route: 'GET /storage/api/v1/applications', section: '§2.4', sources: [sto('ApplicationsController', 'GetAll')] },
  { route: 'GET /storage/api/v1/applications/:org', section: '§2.4', sources: [sto('ApplicationsController', 'GetMany')] },
  { route: 'GET /storage/api/v1/applications/:org/:app', section: '§2.4', sources: [sto('ApplicationsController', 'GetOne')] },

  // ---- Events (§4) ----
  { route: 'GET /events/api/v1/app/:org/:app', section: '§4',
    sources: [events('src/Events/Controllers/AppController.cs', 'GetForOrg'), events('src/Events/Migration/FunctionsAndProcedures/getappevents.sql', 'getappevents')],
    reason: 'localtest implements only POST /events/api/v1/app: the localtest and studioctl profiles answer 404 (profiles.ts LOCALTEST_LACKS); the default profile follows the Events service.' },

  // ---- App API metadata (§1.1) ----
  { route: 'GET /:org/:app/api/v1/applicationmetadata', section: '§1.1', sources: [ctl('ApplicationMetadataController', 'GetAction')] },
  { route: 'GET /:org/:app/api/v1/meta/process', section: '§1.1', sources: [ctl('ApplicationMetadataController', 'GetProcess')] },
  { route: 'GET /:org/:app/api/v1/texts/:language', section: '§1.1', sources: [ctl('TextsController', 'Get(string org, string app')] },
  { route: 'GET /:org/:app/api/v1/applicationlanguages', section: '§1.1', sources: [ctl('ApplicationLanguageController', 'GetLanguages')] },
  { route: 'GET /:org/:app/api/v1/parties', section: '§1.2', sources: [ctl('PartiesController', 'allowedToInstantiateFilter'),
    ctl('PartiesController', 'PartySsnMasking.MaskParties', { at: 'v8.12.5', versions: 'v8.12.5+' })] },

  // ---- App API instances (§1.2) ----
  { route: 'POST /:org/:app/instances', section: '§1.2', sources: [ctl('InstancesController', 'ActionResult<InstanceResponse>> Post(')] },
  { route: 'POST /:org/:app/instances/create', section: '§1.2', sources: [ctl('InstancesController', 'PostSimplified')] },
  { route: 'GET /:org/:app/instances/:party/active', section: '§1.2', sources: [ctl('InstancesController', 'GetActiveInstances')] },
  { route: `GET ${INST}`, section: '§1.2', sources: [ctl('InstancesController', 'public async Task<ActionResult> Get(')] },
  { route: `DELETE ${INST}`, section: '§1.2', sources: [ctl('InstancesController', 'DeleteInstance')] },
  { route: `POST ${INST}/complete`, section: '§1.2', sources: [ctl('InstancesController', 'AddCompleteConfirmation')] },
  { route: `PUT ${INST}/substatus`, section: '§1.2', sources: [ctl('InstancesController', 'UpdateSubstatus')] },

  // ---- App API data (§1.3) ----
  { route: `POST ${INST}/data`, section: '§1.3', sources: [ctl('DataController', 'public async Task<ActionResult> Create('),
    ctl('DataController', 'public async Task<ActionResult> Create(', { at: 'v8.3.8' })],
    reason: 'Apps before v8.5.0 answer as the v8.3.8 controller (app-versions.ts; the seed\'s ttd/income-report).' },
  { route: `POST ${INST}/data/:dataType`, section: '§1.3',
    sources: [ctl('DataController', '[HttpPost("{dataType}")]', { at: 'v8.5.0', versions: 'v8.5.0+' })],
    reason: 'Exists only for apps whose altinnNugetVersion is v8.5.0 or later (router `when`, app-versions.ts whenAppHas); older apps get the 404 of an unknown path.' },
  { route: `POST ${INST}/data/type/:dataType`, section: '§1.3',
    sources: [ctl('DataController', '[HttpPost("type/{dataType}")]', { at: 'v8.6.0', versions: 'v8.6.0+' })],
    reason: 'Exists only for apps on v8.6.0 or later (router `when`, app-versions.ts whenAppHas).' },
  { route: `GET ${INST}/data/:dataGuid`, section: '§1.3', sources: [ctl('DataController', '[HttpGet("{dataGuid:guid}")]')],
    reason: 'A dataGuid that is not a GUID matches no route (404), as the {dataGuid:guid} constraint does (router `when`).' },
  { route: `GET ${INST}/data/:dataGuid/type/:dataType`, section: '§1.3',
    sources: [ctl('DataController', '[HttpGet("{dataGuid:guid}/type/{dataType}")]', { at: 'v8.6.0', versions: 'v8.6.0+' })],
    reason: 'Exists only for apps on v8.6.0 or later and for a GUID dataGuid (router `when`).' },
  { route: `PUT ${INST}/data/:dataGuid`, section: '§1.3', sources: [ctl('DataController', '[HttpPut("{dataGuid:guid}")]')],
    reason: 'A dataGuid that is not a GUID matches no route (404), as the {dataGuid:guid} constraint does (router `when`).' },
  { route: `PUT ${INST}/data/:dataGuid/type/:dataType`, section: '§1.3',
    sources: [ctl('DataController', '[HttpPut("{dataGuid:guid}/type/{dataType}")]', { at: 'v8.6.0', versions: 'v8.6.0+' })],
    reason: 'Exists only for apps on v8.6.0 or later and for a GUID dataGuid (router `when`).' },
  { route: `DELETE ${INST}/data/:dataGuid`, section: '§1.3', sources: [ctl('DataController', '[HttpDelete("{dataGuid:guid}")]')],
    reason: 'A dataGuid that is not a GUID matches no route (404), as the {dataGuid:guid} constraint does (router `when`).' },
  { route: `PATCH ${INST}/data/:dataGuid`, section: '§1.3',
    sources: [ctl('DataController', '[HttpPatch("{dataGuid:guid}")]'), ctl('DataController', 'PatchFormData(', { at: 'v8.3.8' })],
    reason: 'Obsolete one-element PATCH, in every app-lib 8 release; a dataGuid that is not a GUID matches no route (router `when`).' },
  { route: `PATCH ${INST}/data`, section: '§1.3',
    sources: [ctl('DataController', 'PatchFormDataMultiple', { at: 'v8.5.0', versions: 'v8.5.0+' })],
    reason: 'Exists only for apps on v8.5.0 or later (router `when`); older apps answer 405, as ASP.NET does for a path with other verbs.' },

  // ---- App API process and validation (§1.4, §1.5) ----
  { route: `GET ${INST}/process`, section: '§1.4', sources: [ctl('ProcessController', 'GetProcessState')] },
  { route: `POST ${INST}/process/start`, section: '§1.4', sources: [ctl('ProcessController', 'StartProcess')] },
  { route: `PUT ${INST}/process/next`, section: '§1.4', sources: [ctl('ProcessController', 'NextElement')] },
  { route: `PUT ${INST}/process/completeProcess`, section: '§1.4', sources: [ctl('ProcessController', 'CompleteProcess')] },
  { route: `GET ${INST}/process/history`, section: '§1.4', sources: [ctl('ProcessController', 'GetProcessHistory')] },
  { route: `GET ${INST}/validate`, section: '§1.5', sources: [ctl('ValidateController', 'ValidateInstance')] },
];
