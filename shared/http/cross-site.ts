export interface RequestOrigin {
  host?: string;
  origin?: string;
  secFetchSite?: string;
}

/**
 * A cross-site post (another page auto-submitting this form from its visitors' browsers) is refused.
 * Browsers send Sec-Fetch-Site on a form post, and it is what decides. Without it, an Origin of
 * another host is refused; an Origin of "null" is not, because this page asks for no referrer, which
 * makes a browser send "null" from the form itself. A client that sends neither is not a browser
 * on another site, and still needs a token.
 */
export function crossSite(from: RequestOrigin): boolean {
  const site = from.secFetchSite?.toLowerCase();
  if (site) return site !== 'same-origin' && site !== 'none';
  if (!from.origin || from.origin === 'null') return false;
  try {
    return new URL(from.origin).host !== from.host;
  } catch {
    return true;
  }
}
