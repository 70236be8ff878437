/** The closed list of stages a stack can be deployed as: the stack is named pillar7-STAGE. */
export const STAGES = ['dev', 'prod'] as const;
export type Stage = (typeof STAGES)[number];
