/** The roles a practitioner can give: kept apart from any schema so a page can list them cheaply. */
export const ROLES = ['delivery', 'leadership', 'undisclosed'] as const;
export type Role = (typeof ROLES)[number];
