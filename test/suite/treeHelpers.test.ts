import * as assert from 'node:assert/strict';
import { prefillProblem } from '../../src/commands/createInstance';
import { validateOwner } from '../../src/commands/ownerInput';
import { ownerFromNumber, validateOwnerNumber } from '../../src/commands/ownerStep';
import { describeFilter, isEmpty } from '../../src/tree/filters';
import { instanceDescription, instanceLabel, instanceState } from '../../src/tree/instancePresentation';
import { continuationTokenOf } from '../../src/tree/instanceQuery';
import { pickText } from '../../src/util/language';
import { logRequest } from '../../src/util/log';
import { relativeTime } from '../../src/util/time';
import type * as vscode from 'vscode';
import type { Instance } from '../../src/api';

// Small pieces of the explorer that need the vscode module (l10n), so they run in the VS Code suite.
describe('Explorer helpers', () => {
  it('validates owners before anything is sent, check digits only outside test environments', () => {
    assert.equal(validateOwner('party', '501337', true), undefined);
    assert.ok(validateOwner('party', '-1', true));
    assert.ok(validateOwner('personNumber', '0103901234', false), '10 digits');
    // The emulator's test person number has no valid check digits, as in localtest.
    assert.equal(validateOwner('personNumber', '01039012345', false), undefined);
    assert.equal(validateOwner('organisationNumber', '991825827', true), undefined, 'Digdir');
    assert.ok(validateOwner('organisationNumber', '991825828', true), 'wrong check digit');
  });

  it('reads a typed owner by its length: 11 digits a person, 9 an organisation, else a party id', () => {
    assert.deepEqual(ownerFromNumber('01039012345'), { personNumber: '01039012345' });
    assert.deepEqual(ownerFromNumber('991825827'), { organisationNumber: '991825827' });
    assert.deepEqual(ownerFromNumber('501337'), { partyId: '501337' });
    assert.equal(validateOwnerNumber('501337', true), undefined);
    assert.match(validateOwnerNumber('9918 2582', false) ?? '', /digits only/);
    assert.match(validateOwnerNumber('991825828', true) ?? '', /check digit/);
    assert.equal(validateOwnerNumber('991825828', false), undefined, 'test environments skip the check digits');
    assert.ok(validateOwnerNumber('99999999999999', false), 'no party id is that large');
  });

  it('accepts prefill only as an object of plain values', () => {
    assert.equal(prefillProblem('{"applicant": "Sophie", "area": 12, "ok": true}'), undefined);
    assert.ok(prefillProblem('[1]'));
    assert.ok(prefillProblem('{"nested": {"a": 1}}'));
    assert.ok(prefillProblem('{not json'));
  });

  it('takes the continuation token out of Storage next links', () => {
    // docs/altinn-behaviour.md §2.1: `next` is a full URL with continuationToken replaced.
    assert.equal(continuationTokenOf('https://platform.tt02.altinn.no/storage/api/v1/instances?appId=ttd%2Fa&continuationToken=123%3B45'), '123;45');
    assert.equal(continuationTokenOf(undefined), undefined);
  });

  it('picks texts in the display language, then nb, then en', () => {
    assert.equal(pickText({ nb: 'Byggesøknad', en: 'Building permit' }, 'en'), 'Building permit');
    assert.equal(pickText({ nb: 'Byggesøknad', en: 'Building permit' }, 'nn'), 'Byggesøknad');
    assert.equal(pickText({ en: 'Building permit' }, 'nn'), 'Building permit');
    assert.equal(pickText(undefined, 'en'), undefined);
  });

  it('describes filters and instance states', () => {
    assert.equal(isEmpty({}), true);
    assert.equal(isEmpty({ currentTask: '' }), true);
    assert.match(describeFilter({ state: 'active', currentTask: 'Task_2', changedFrom: '2026-01-01' }), /Active · Task_2 · changed 2026-01-01 – …/);
    const base: Instance = { id: '1/5a2fa5ec-f97c-4816-b57a-dc78a981917e', appId: 'ttd/a', org: 'ttd', instanceOwner: { partyId: '1' } };
    assert.equal(instanceState({ ...base, process: { currentTask: { elementId: 'Task_1' } } }), 'active');
    assert.equal(instanceState({ ...base, process: { ended: '2026-01-01T00:00:00Z' } }), 'completed');
    assert.equal(instanceState({ ...base, process: { ended: '2026-01-01T00:00:00Z' }, status: { isArchived: true } }), 'archived');
    assert.equal(instanceState({ ...base, status: { isArchived: true, isSoftDeleted: true } }), 'deleted');
    const onTask1 = { ...base, process: { currentTask: { elementId: 'Task_1', name: 'Utfylling' } }, status: { substatus: { label: 'Under review' } } };
    assert.equal(instanceLabel(onTask1), 'Utfylling', 'the task is the label (no date known)');
    assert.equal(instanceDescription(onTask1, { maskOwnerIds: true }), 'party 1 · Under review · 5a2fa5ec');
  });

  it('says how long ago within a month, and gives the date beyond it', () => {
    const now = Date.parse('2026-03-20T12:00:00Z');
    assert.equal(relativeTime('2026-03-20T09:00:00Z', now), '3 hours ago');
    assert.equal(relativeTime('2026-03-19T12:00:00Z', now), 'yesterday');
    assert.equal(relativeTime('2026-03-06T12:00:00Z', now), '2 weeks ago');
    // Two weeks apart, a year and more ago: rounded units would say "last year" and "2 years ago".
    assert.equal(relativeTime('2024-09-20T12:00:00Z', now), '2024-09-20');
    assert.equal(relativeTime('2024-09-06T12:00:00Z', now), '2024-09-06');
    assert.equal(relativeTime(undefined, now), '');
  });

  it('logs one line per request, warning on failures', () => {
    const lines: string[] = [];
    const channel = {
      info: (m: string) => lines.push(`info ${m}`),
      warn: (m: string) => lines.push(`warn ${m}`),
    } as unknown as vscode.LogOutputChannel;
    logRequest(channel, 'tt02', { method: 'GET', url: 'https://platform.tt02.altinn.no/storage/api/v1/instances?appId=ttd%2Fa', status: 200, durationMs: 12.4 });
    logRequest(channel, 'tt02', { method: 'PUT', url: 'https://ttd.apps.tt02.altinn.no/ttd/a/instances/1/x/process/next', status: 409, durationMs: 30 });
    logRequest(channel, 'tt02', { method: 'GET', url: 'https://x', durationMs: 5000, error: 'ECONNRESET' });
    assert.deepEqual(lines, [
      'info [tt02] GET https://platform.tt02.altinn.no/storage/api/v1/instances?appId=ttd%2Fa → 200 (12 ms)',
      'warn [tt02] PUT https://ttd.apps.tt02.altinn.no/ttd/a/instances/1/x/process/next → 409 (30 ms)',
      'warn [tt02] GET https://x → - (5000 ms) ECONNRESET',
    ]);
  });
});
