import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

// zod/mini ships without messages; every boundary error must say in words what is wrong.
z.config(en());

export { z };
