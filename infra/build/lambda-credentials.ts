import { fromEnv } from '@aws-sdk/credential-provider-env';

/**
 * Stands in for @aws-sdk/credential-provider-node inside Lambda bundles only. Lambda hands every
 * function its role's credentials in environment variables, so the rest of the default chain (SSO,
 * INI files, IMDS, web identity, login) is dead weight: about 90 KB that every cold start would load.
 */
export const defaultProvider = () => fromEnv();
