/**
 * npm run token -- --role <admin|kasi|pk|konselor|viewer> --office <office-code> [--sub <id>]
 * Prints only a signed JWT (RS256, 12 h) that the local server accepts: the key pair lives
 * under $DATA_DIR/keys, shared with `npm start`.
 */
import { parseArgs } from 'node:util';
import { OFFICE_CODE, ROLES, type Role } from '../shared/domain/actor';
import { answerHelp } from './help';
import { localSettings } from './local/env';
import { ensureKeyPair, signLocalToken } from './local/identity';

answerHelp(`usage: npm run token -- --role <${ROLES.join('|')}> --office <office-code> [--sub <id>]

Prints a signed JWT (RS256, valid 12 h) that the local API accepts, with the claims Cognito
gives: cognito:groups = [role], custom:office = office, sub (default local-<role>-<office>).`);

function fail(message: string): never {
  process.stderr.write(
    `${message}\nusage: npm run token -- --role <${ROLES.join('|')}> --office <office-code> [--sub <id>]\n`,
  );
  process.exit(2);
}

let values: { role?: string; office?: string; sub?: string };
try {
  ({ values } = parseArgs({
    options: { role: { type: 'string' }, office: { type: 'string' }, sub: { type: 'string' } },
    strict: true,
  }));
} catch (err) {
  fail((err as Error).message);
}
if (!values.role || !(ROLES as readonly string[]).includes(values.role))
  fail(`--role must be one of ${ROLES.join(', ')}`);
if (!values.office || !OFFICE_CODE.test(values.office)) {
  fail('--office must be an office code such as bapas-semarang or bnnp-jawa-tengah');
}
if (values.sub !== undefined && !/^[\w.@:-]{1,128}$/.test(values.sub))
  fail('--sub must be 1-128 characters [A-Za-z0-9_.@:-]');

const token = await signLocalToken(ensureKeyPair(localSettings().dataDir), {
  role: values.role as Role,
  office: values.office,
  sub: values.sub,
});
process.stdout.write(`${token}\n`);
