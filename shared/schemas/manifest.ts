import * as z from './zod';

/**
 * `reports/{cycleId}/manifest.json` as publish writes it (shared/cycle/publish.ts): the sha256 of
 * each report file, which is what a restored or re-rendered file is checked against.
 */
export const manifestSchema = z.object({
  cycleId: z.string(),
  evaluatedAt: z.string(),
  files: z.array(
    z.object({
      key: z.string(),
      sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
      bytes: z.int(),
      contentType: z.string(),
    }),
  ),
});

export type Manifest = z.output<typeof manifestSchema>;
