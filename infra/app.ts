import { App } from 'aws-cdk-lib';
import { APP_CONTEXT, addBudgetStack, addProvinceStack, addSecurityChecks } from './assembly';
import { provinceBySlug } from './provinces';

/**
 * The CDK app (cdk.json: `node --import tsx infra/app.ts`). One province per run, chosen with
 * `-c province=<slug>`; infra/cli.ts passes it for `npm run synth|deploy -- <province>`.
 */
const app = new App({ context: { ...APP_CONTEXT } });
const slug: unknown = app.node.tryGetContext('province');
if (typeof slug !== 'string' || slug.length === 0) {
  throw new Error('No province given: use `npm run synth -- <province>` (`npm run provinces` lists them).');
}
const province = provinceBySlug(slug);
addProvinceStack(app, province);
addBudgetStack(app, province);
addSecurityChecks(app);
app.synth();
