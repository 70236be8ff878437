import { PILLAR_KEYS, type PillarKey } from '../domain/pillars';
import { MAX_COMMENT_LENGTH } from '../domain/anonymity';

import { ROLES } from '../domain/roles';
import type { InputIssue } from './issues';

export { ROLES };

interface ResponseBody {
  ratings?: Partial<Record<PillarKey, number>>;
  safety?: number;
  influence?: number;
  role?: (typeof ROLES)[number];
  division?: string;
  comment?: string;
}

/** A rating's problems: a whole number from 1 to 5, in the words the form shows. */
function ratingIssues(value: unknown, path: string): InputIssue[] {
  if (typeof value !== 'number' || !Number.isFinite(value))
    return [{ path, message: 'must be a whole number from 1 to 5' }];
  const issues: InputIssue[] = [];
  if (!Number.isInteger(value)) issues.push({ path, message: 'must be a whole number from 1 to 5' });
  if (value < 1 || value > 5) issues.push({ path, message: 'must be from 1 to 5' });
  return issues;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The JSON body of one practitioner response (SPEC section 4), checked field by field: the allowed
 * divisions come from the trust's config, and unknown fields are rejected so nothing unexpected is
 * ever stored. Plain checks rather than a schema: the form's bundles (SPEC section 9: 256 KB) carry
 * no schema library for this one shape. Every problem is returned, each with its field.
 */
export function parseResponseBody(
  body: unknown,
  divisionIds: readonly string[],
): { success: true; data: ResponseBody } | { success: false; issues: InputIssue[] } {
  if (!isObject(body))
    return { success: false, issues: [{ path: '(root)', message: 'must be a JSON object' }] };
  const issues: InputIssue[] = [];
  const known = ['ratings', 'safety', 'influence', 'role', 'division', 'comment'];
  for (const key of Object.keys(body))
    if (!known.includes(key)) issues.push({ path: '(root)', message: `Unrecognized key: "${key}"` });
  const { ratings, safety, influence, role, division, comment } = body;
  if (ratings !== undefined) {
    if (!isObject(ratings))
      issues.push({ path: 'ratings', message: 'must be an object of ratings by pillar' });
    else
      for (const [key, value] of Object.entries(ratings)) {
        if (!(PILLAR_KEYS as readonly string[]).includes(key))
          issues.push({ path: 'ratings', message: `Unrecognized key: "${key}"` });
        else if (value !== undefined) issues.push(...ratingIssues(value, `ratings.${key}`));
      }
  }
  if (safety !== undefined) issues.push(...ratingIssues(safety, 'safety'));
  if (influence !== undefined) issues.push(...ratingIssues(influence, 'influence'));
  if (role !== undefined && !(ROLES as readonly unknown[]).includes(role))
    issues.push({ path: 'role', message: `must be one of ${ROLES.join(', ')}` });
  if (division !== undefined && !['undisclosed', ...divisionIds].includes(division as string))
    issues.push({ path: 'division', message: "must be one of the trust's divisions, or undisclosed" });
  if (comment !== undefined) {
    if (typeof comment !== 'string') issues.push({ path: 'comment', message: 'must be text' });
    else if (comment.length > MAX_COMMENT_LENGTH)
      issues.push({ path: 'comment', message: `must be at most ${MAX_COMMENT_LENGTH} characters` });
  }
  if (issues.length) return { success: false, issues };
  const answered =
    (isObject(ratings) && Object.values(ratings).some((v) => v !== undefined)) ||
    safety !== undefined ||
    influence !== undefined ||
    (typeof comment === 'string' && comment.trim() !== '');
  if (!answered)
    return { success: false, issues: [{ path: '(root)', message: 'answer at least one question' }] };
  return { success: true, data: body as ResponseBody };
}

export type { StoredResponse } from '../domain/response';
