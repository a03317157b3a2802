/**
 * The security headers of the officers' forms, in one place: the local static server
 * (scripts/local/static.ts) sends them, and the province stack puts the same values into the
 * CloudFront response headers policy (infra/constructs/forms.ts).
 *
 * The Content-Security-Policy allows no inline script or style, nothing from other origins
 * but the ones the forms must call (`connectSrc`: the API and the sign-in provider), and no
 * framing. Values may be CDK tokens (the API and Cognito addresses are known only at deploy
 * time); this module only joins strings.
 */

export interface WebHeaderOptions {
  /**
   * Origins the forms may fetch from besides their own: the API and, for sign-in, the
   * OpenID provider (discovery, token and user-info endpoints). Default: none.
   */
  connectSrc?: readonly string[];
}

/** Two years: the HSTS max-age browsers' preload lists ask for. */
export const HSTS_MAX_AGE_SECONDS = 63_072_000;

export const REFERRER_POLICY = 'no-referrer';

/** The Content-Security-Policy value. */
export function contentSecurityPolicy(options: WebHeaderOptions = {}): string {
  const connect = ["'self'", ...(options.connectSrc ?? [])].join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    `connect-src ${connect}`,
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * The headers in a plain map (what a Node server sends). HSTS only over HTTPS: a browser
 * ignores it on http://127.0.0.1 anyway, and sending it there would only confuse a reader.
 */
export function securityHeaders(
  options: WebHeaderOptions & { https?: boolean } = {},
): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(options),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': REFERRER_POLICY,
    'X-Frame-Options': 'DENY',
    ...(options.https
      ? { 'Strict-Transport-Security': `max-age=${HSTS_MAX_AGE_SECONDS}; includeSubDomains` }
      : {}),
  };
}
