import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../scripts/local/static';
import {
  contentSecurityPolicy,
  HSTS_MAX_AGE_SECONDS,
  REFERRER_POLICY,
  securityHeaders,
} from '../../shared/web-headers';

describe('the forms security headers (one module for the local server and CloudFront)', () => {
  it("is today's strict policy of the local static server when nothing else is allowed", () => {
    expect(contentSecurityPolicy()).toBe(CONTENT_SECURITY_POLICY);
  });

  it('adds the API and sign-in origins to connect-src only', () => {
    const csp = contentSecurityPolicy({
      connectSrc: ['https://api.example.go.id', 'https://login.example.go.id'],
    });
    const directives = Object.fromEntries(
      csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]),
    );

    expect(directives['connect-src']).toBe("'self' https://api.example.go.id https://login.example.go.id");
    expect(directives['script-src']).toBe("'self'");
    expect(directives['frame-ancestors']).toBe("'none'");
    expect(directives['object-src']).toBe("'none'");
    expect(Object.keys(directives)).toHaveLength(10);
  });

  it('sends HSTS only over HTTPS', () => {
    expect(securityHeaders()).toEqual({
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': REFERRER_POLICY,
      'X-Frame-Options': 'DENY',
    });
    expect(securityHeaders({ https: true })['Strict-Transport-Security']).toBe(
      `max-age=${HSTS_MAX_AGE_SECONDS}; includeSubDomains`,
    );
    expect(HSTS_MAX_AGE_SECONDS).toBe(2 * 365 * 24 * 3600);
  });
});
