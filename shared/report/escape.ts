const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Every piece of text that reaches HTML goes through here: practitioner text is hostile input. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** Tagged template that escapes every interpolation unless it is already-rendered `Html`. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  const render = (v: unknown): string =>
    v instanceof Html
      ? v.value
      : Array.isArray(v)
        ? v.map(render).join('')
        : v === null || v === undefined || v === false
          ? ''
          : escapeHtml(v);
  return new Html(strings.reduce((out, s, i) => out + s + (i < values.length ? render(values[i]) : ''), ''));
}

/** Marks a constant, trusted fragment (never data) as already-rendered HTML. */
export const trusted = (fragment: string): Html => new Html(fragment);
