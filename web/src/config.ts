// Runtime configuration: /app/config.json, made at deploy by the stack (in AWS) or served by
// `npm start` (locally). One build runs everywhere; nothing is copied into the code by hand.
import * as z from 'zod/mini';
import { resetConfig } from '../../shared/config';

/** The contract of config.json (docs/operations.md "Local sign-in"). */
export const appConfigSchema = z.object({
  /** Base URL of the API, no trailing slash. */
  apiUrl: z.url(),
  /** OpenID provider: the Cognito user pool's issuer in AWS, the local provider's locally. */
  issuer: z.url(),
  /** The forms' app client id (also the audience the API's JWT authorizer checks). */
  clientId: z.string().check(z.minLength(1)),
  /** Where sign-out ends the provider's session: Cognito's /logout (client_id, logout_uri). */
  logoutUrl: z.url(),
  /** The province's IANA time zone ("today" for date fields, as the API judges dates). */
  timeZone: z.string().check(z.minLength(1)),
  /** The province's office codes (what an admin may choose for an officer). */
  offices: z.array(z.string()),
  province: z.string(),
  provinceName: z.string(),
});
export type AppConfig = z.infer<typeof appConfigSchema>;

declare global {
  // The environment shared/config.ts reads in the browser (web/vite.config.ts `define`).
  var __PASCAREHAB_ENV__: Record<string, string | undefined>;
}
globalThis.__PASCAREHAB_ENV__ ??= {};

let current: AppConfig | undefined;

export function appConfig(): AppConfig {
  if (!current) throw new Error('config.json belum dimuat');
  return current;
}

/**
 * Loads config.json (relative to the app, so /app/config.json locally and /config.json
 * behind CloudFront) and hands the province's time zone to the shared schemas. The office
 * list is not handed over: the forms offer only the province's offices, and the API judges
 * membership (locally any well-formed code, as the local API does).
 */
export async function loadConfig(): Promise<AppConfig> {
  const res = await fetch(new URL('config.json', document.baseURI), { cache: 'no-store' });
  if (!res.ok) throw new Error(`config.json: HTTP ${res.status}`);
  const parsed = appConfigSchema.safeParse(await res.json());
  if (!parsed.success) throw new Error('config.json tidak lengkap atau tidak valid.');
  useConfig(parsed.data);
  return parsed.data;
}

/** Sets the configuration (also for tests) and the schemas' environment. */
export function useConfig(config: AppConfig): void {
  current = { ...config, apiUrl: config.apiUrl.replace(/\/+$/, '') };
  globalThis.__PASCAREHAB_ENV__.PROVINCE_TIME_ZONE = config.timeZone;
  resetConfig();
}
