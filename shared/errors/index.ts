/**
 * The one error taxonomy: every error pillar7 raises of its own, each declaring its kind (see
 * pillar7-error.ts). Free of AWS imports, so any function, the CLI and the CDK app can load it.
 */
export * from './pillar7-error';
export * from './input';
export * from './feedback';
export * from './cycle';
export * from './review';
