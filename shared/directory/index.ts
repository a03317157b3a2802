import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { CognitoDirectory } from './cognito';
import { LocalDirectory, LocalUserStore } from './local';
import type { OfficerDirectory } from './port';

/**
 * The directory this process uses: Cognito when USER_POOL_ID is set (the stack sets it for
 * the officer routes), else the local provider's user store at LOCAL_USER_STORE (`npm start`
 * sets it). Neither set is a configuration error, never a silent fallback: a Lambda function
 * must not keep accounts in its own /tmp.
 */
let cached: Promise<OfficerDirectory> | undefined;

export function directory(): Promise<OfficerDirectory> {
  cached ??= select(process.env).catch((err: unknown) => {
    cached = undefined;
    throw err;
  });
  return cached;
}

/** For tests: use this directory from now on (undefined: select again from the environment). */
export function useDirectory(d: OfficerDirectory | undefined): void {
  cached = d ? Promise.resolve(d) : undefined;
}

async function select(env: NodeJS.ProcessEnv): Promise<OfficerDirectory> {
  // Static imports (not import()): a bundle then keeps only the Cognito commands used.
  if (env.USER_POOL_ID) {
    return new CognitoDirectory(new CognitoIdentityProviderClient({}), env.USER_POOL_ID);
  }
  if (env.LOCAL_USER_STORE) {
    return new LocalDirectory(new LocalUserStore(env.LOCAL_USER_STORE));
  }
  throw new Error('no officer directory configured: set USER_POOL_ID (AWS) or LOCAL_USER_STORE (local)');
}
