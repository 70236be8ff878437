/**
 * Stands in for @aws-sdk/middleware-endpoint-discovery inside Lambda bundles only. The DynamoDB client
 * still resolves an endpoint-discovery config when it is made, though no command of this SDK version
 * reads it and no function here turns discovery on; the real module brings an endpoint cache, an LRU
 * and the DescribeEndpoints command with it: about 2 KB in every bundle that talks to DynamoDB. Should
 * a later SDK import anything else from the module, the bundle fails to build rather than run wrong.
 */
export const NODE_ENDPOINT_DISCOVERY_CONFIG_OPTIONS = {
  environmentVariableSelector: (): undefined => undefined,
  configFileSelector: (): undefined => undefined,
  default: undefined,
};

export const resolveEndpointDiscoveryConfig = <T extends object>(input: T) =>
  Object.assign(input, {
    endpointDiscoveryEnabled: () => Promise.resolve(false),
    isClientEndpointDiscoveryEnabled: false,
  });
