// The node classes of the Altinn tree. Every node has `context: NodeContext` and a tag-based `contextValue`.
export { AltinnNode, tags, type NodeContext } from './base';
export { EnvironmentNode } from './environmentNode';
export { OrgNode } from './orgNode';
export { PartyNode } from './partyNode';
export { AppNode } from './appNode';
export { InstanceNode } from './instanceNode';
export { DataElementNode } from './dataElementNode';
export { ErrorNode, SignInNode, MessageNode, LoadMoreNode } from './infoNodes';
