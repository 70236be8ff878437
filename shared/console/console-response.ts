/** One request to the console, as the console function hands it over. */
export interface ConsoleRequest {
  method: string;
  /** The path under /console: '', '/signin', '/cycles/2026-autumn', ... */
  path: string;
  query: Record<string, string | undefined>;
  fields: Record<string, string>;
  cookie?: string;
  host?: string;
  origin?: string;
  secFetchSite?: string;
  /** Where the console is served from, e.g. https://x.execute-api.../form (no trailing slash). */
  baseUrl: string;
}

/** What the console answers: an HTML page or a redirect. */
export interface ConsoleResponse {
  statusCode: number;
  html?: string;
  headers?: Record<string, string>;
}

/** A page of the console, with its status and any headers. */
export const page = (
  statusCode: number,
  body: string,
  headers: Record<string, string> = {},
): ConsoleResponse => ({
  statusCode,
  html: body,
  headers,
});
/** A 303 See Other: after signing in or out, and after a POST that changed something (a reload repeats nothing). */
export const redirect = (location: string, headers: Record<string, string> = {}): ConsoleResponse => ({
  statusCode: 303,
  headers: { Location: location, ...headers },
});
