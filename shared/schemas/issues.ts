/** One problem with an input, located by a readable path such as `divisions[2].id`. */
export interface InputIssue {
  path: string;
  message: string;
  /** Where it is in the file (1-based), when the input was a file. */
  line?: number;
}

interface ZodLikeIssue {
  path: readonly PropertyKey[];
  message: string;
}

function toPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => {
    if (typeof key === 'number') return `${acc}[${key}]`;
    return acc ? `${acc}.${String(key)}` : String(key);
  }, '');
}

export function toInputIssues(issues: readonly ZodLikeIssue[]): InputIssue[] {
  return issues.map((i) => ({ path: toPath(i.path) || '(root)', message: i.message }));
}
