import { createHash, createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeJwt, importPKCS8, importSPKI, type JWTPayload, jwtVerify, SignJWT } from 'jose';
import { OFFICE_CODE, ROLES, type Role } from '../../shared/domain/actor';

/**
 * Local identities. In production Cognito issues ID tokens and API Gateway's JWT authorizer
 * verifies them (neither runs here, so both are stood in for): locally one RS256 key pair under
 * $DATA_DIR/keys signs the tokens of two issuers, and the local server verifies both with the
 * same checks the authorizer makes: signature, algorithm, issuer, audience, expiry.
 * - `npm run token` (curl and tests): issuer LOCAL_ISSUER, audience LOCAL_AUDIENCE;
 * - the local OpenID provider of `npm start` (the forms' sign-in, scripts/local/oidc.ts):
 *   issuer http://127.0.0.1:$PORT/oidc, audience the forms' client id.
 */
export const LOCAL_ISSUER = 'https://pascarehab.local/issuer';
export const LOCAL_AUDIENCE = 'pascarehab-local';
const ALG = 'RS256';

export interface KeyFiles {
  privateKeyPem: string;
  publicKeyPem: string;
}

export function ensureKeyPair(dataDir: string): KeyFiles {
  const dir = join(dataDir, 'keys');
  const privatePath = join(dir, 'jwt-private.pem');
  const publicPath = join(dir, 'jwt-public.pem');
  if (!existsSync(privatePath) || !existsSync(publicPath)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const { privateKey, publicKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    writeFileSync(privatePath, privateKey, { mode: 0o600 });
    writeFileSync(publicPath, publicKey, { mode: 0o644 });
  }
  return { privateKeyPem: readFileSync(privatePath, 'utf8'), publicKeyPem: readFileSync(publicPath, 'utf8') };
}

export interface TokenRequest {
  role: Role;
  office: string;
  sub?: string | undefined;
  /** Seconds; default 12 h. */
  expiresIn?: number;
}

export async function signLocalToken(keysPem: KeyFiles, request: TokenRequest): Promise<string> {
  if (!(ROLES as readonly string[]).includes(request.role)) throw new Error(`unknown role: ${request.role}`);
  if (!OFFICE_CODE.test(request.office)) throw new Error(`invalid office code: ${request.office}`);
  const key = await importPKCS8(keysPem.privateKeyPem, ALG);
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    'cognito:groups': [request.role],
    'custom:office': request.office,
    token_use: 'id',
  })
    .setProtectedHeader({ alg: ALG, typ: 'JWT' })
    .setSubject(request.sub ?? `local-${request.role}-${request.office}`)
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + (request.expiresIn ?? 12 * 60 * 60))
    .sign(key);
}

export type TokenVerifier = (token: string) => Promise<JWTPayload>;

/** An issuer the local API trusts, with the audience its tokens must carry. */
export interface TrustedIssuer {
  issuer: string;
  audience: string;
}

/**
 * The JWT authorizer's checks for the local issuers (npm run token's, and `extra`, the local
 * OpenID provider's): the token's issuer picks the audience it must carry; anything else
 * (another issuer, an access token without `aud`, an expired token) is refused.
 */
export async function localVerifier(keysPem: KeyFiles, extra: TrustedIssuer[] = []): Promise<TokenVerifier> {
  const key = await importSPKI(keysPem.publicKeyPem, ALG);
  const trusted = [{ issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE }, ...extra];
  // Tokens already verified, until they expire (a signature check per request is what a busy
  // officer's phone would otherwise pay on every tap; API Gateway caches its keys likewise).
  const verified = new Map<string, JWTPayload>();
  return async (token) => {
    const known = verified.get(token);
    if (known && typeof known.exp === 'number' && known.exp > Date.now() / 1000) return known;
    verified.delete(token);
    const claimed = decodeJwt(token).iss;
    const expected = trusted.find((t) => t.issuer === claimed);
    if (!expected) throw new Error('untrusted issuer');
    const { payload } = await jwtVerify(token, key, {
      algorithms: [ALG],
      issuer: expected.issuer,
      audience: expected.audience,
      // API Gateway's JWT authorizer refuses a token without an expiry; so does this stand-in.
      requiredClaims: ['exp'],
    });
    if (verified.size >= 1000) verified.clear();
    verified.set(token, payload);
    return payload;
  };
}

/** The key pair as the private JWK the local OpenID provider signs with (kid: its thumbprint). */
export function signingJwk(keysPem: KeyFiles): Record<string, unknown> {
  const jwk = createPrivateKey(keysPem.privateKeyPem).export({ format: 'jwk' }) as Record<string, unknown>;
  const kid = createHash('sha256')
    .update(JSON.stringify({ e: jwk.e, kty: jwk.kty, n: jwk.n }))
    .digest('base64url');
  return { ...jwk, kid, alg: ALG, use: 'sig' };
}
