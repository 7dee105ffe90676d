import * as vscode from 'vscode';
import type { AltinnClient, AppEventsQuery, CloudEvent, Instance } from '../api';
import type { Identity } from '../session';
import { errorMessage, isCancellation } from '../util/errors';

/** Enough for an instance's own events among its owner's other events of the app, without reading forever. */
export const APP_EVENTS_PAGE_SIZE = 100;
export const APP_EVENTS_MAX_PAGES = 5;
/** docs/altinn-behaviour.md §4: events are kept for 90 days; an instance without a creation time is read from there. */
const RETENTION_MS = 90 * 24 * 60 * 60 * 1000;
/** The app stamps its events with its own clock, Storage the instance with another: allow them to disagree a little. */
const CLOCK_SKEW_MS = 60 * 1000;

/** The "app events" section of the process history document: the events, why there are none, or the failure. */
export type AppEventsSection =
  | { readonly from: string; readonly events: CloudEvent[]; readonly more?: string }
  | { readonly note: string }
  | { readonly error: string };

/**
 * The app's CloudEvents about one instance, from the Events API. Only app owners may read them, so anyone
 * else is told so instead of being shown a 401. A failure becomes the section's error line: it never hides
 * the rest of the history.
 */
export async function loadAppEvents(client: AltinnClient, identity: Identity | undefined, instance: Instance, signal?: AbortSignal): Promise<AppEventsSection> {
  if (!client.environment.appEventsReadable) {
    return { note: vscode.l10n.t("Localtest has no Events API, so the app's events cannot be read here; they show in TT02 and production.") };
  }
  // docs/altinn-behaviour.md §4: the endpoint wants the token's `org` claim, which only service owners' tokens carry.
  if (identity?.kind !== 'org' || !identity.org) {
    return { note: vscode.l10n.t("The app's events (Events API) are only available to app owners signed in as their organisation.") };
  }
  const from = startOf(instance);
  try {
    const { events, stoppedEarly } = await readInstanceEvents(client, instance, from, signal);
    const section = { from, events };
    return stoppedEarly
      ? { ...section, more: vscode.l10n.t('Stopped after the first {0} events of party {1} since the instance was created; later events, if any, are not shown.', APP_EVENTS_PAGE_SIZE * APP_EVENTS_MAX_PAGES, instance.instanceOwner.partyId) }
      : section;
  } catch (err) {
    if (isCancellation(err)) {
      throw err;
    }
    return { error: vscode.l10n.t("Could not read the app's events: {0}", errorMessage(err)) };
  }
}

async function readInstanceEvents(client: AltinnClient, instance: Instance, from: string, signal?: AbortSignal): Promise<{ events: CloudEvent[]; stoppedEarly: boolean }> {
  // The `party` filter narrows the app's events to the owner's; the instance's are picked from those.
  let query: AppEventsQuery | undefined = { from, party: instance.instanceOwner.partyId, size: APP_EVENTS_PAGE_SIZE };
  const events: CloudEvent[] = [];
  for (let page = 0; page < APP_EVENTS_MAX_PAGES && query; page++) {
    const result = await client.events.app(instance.appId, query, { signal });
    events.push(...result.events.filter((e) => isAbout(e, instance.id)));
    // Altinn sends `next` after every non-empty page, so only an empty page says the end was reached.
    query = result.events.length > 0 ? result.next : undefined;
  }
  return { events, stoppedEarly: query !== undefined };
}

/** `resourceinstance` is `{partyId}/{guid}`; the `source` URL ends with the same id (docs/altinn-behaviour.md §4). */
export function isAbout(event: CloudEvent, instanceId: string): boolean {
  if (typeof event.resourceinstance === 'string') {
    return event.resourceinstance === instanceId;
  }
  return typeof event.source === 'string' && event.source.endsWith(`/instances/${instanceId}`);
}

function startOf(instance: Instance): string {
  const created = instance.created ? new Date(instance.created) : undefined;
  const start = created && !Number.isNaN(created.getTime()) ? created.getTime() - CLOCK_SKEW_MS : Date.now() - RETENTION_MS;
  return new Date(start).toISOString();
}
