import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

// zod/mini ships without messages; every boundary error must say in words what is wrong.
config(en());

// Re-exported as a module, not as an object, so bundlers keep only the schema builders in use.
export * from 'zod/mini';
