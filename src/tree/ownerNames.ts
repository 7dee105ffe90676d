import type { Instance, RepresentedParty } from '../api';

/**
 * Names of instance owners met in this session, per environment. Storage's instances carry no names
 * (Altinn/altinn-storage src/Storage.Interface/Models/InstanceOwner.cs; docs/altinn-behaviour.md §2.4); Altinn gives
 * them only in the App API's `InstanceResponse` (`instanceOwner.party.name`, Altinn/app-lib-dotnet
 * src/Altinn.App.Api/Models/InstanceResponse.cs From) and its party list (`api/v1/parties`, §1.2). A row shows
 * the name once any of these has named its owner.
 */
export class OwnerNames {
  private readonly names = new Map<string, string>();

  rememberParties(envId: string, parties: readonly RepresentedParty[]): void {
    for (const party of parties) {
      this.remember(envId, party.partyId, party.name);
    }
  }

  rememberInstance(envId: string, instance: Instance): void {
    this.remember(envId, instance.instanceOwner.partyId, instance.instanceOwner.party?.name);
  }

  nameOf(envId: string, instance: Instance): string | undefined {
    return instance.instanceOwner.party?.name ?? this.names.get(`${envId} ${instance.instanceOwner.partyId}`);
  }

  private remember(envId: string, partyId: number | string, name: string | undefined): void {
    if (name) {
      this.names.set(`${envId} ${partyId}`, name);
    }
  }
}
