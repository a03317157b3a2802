import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { BudgetStack } from './budget-stack';
import { BUDGET_REGION, budgetStackName } from './names';
import { type Province, stackName } from './provinces';
import { type LoadedSettings, loadSettings } from './settings';
import { ProvinceStack, type ProvinceStackProps } from './stack';

/**
 * App context every app of this project synthesizes with (cdk.json holds the same): CDK's
 * offline CloudFormation validation (AWS's resource schemas per region) fails the synth
 * instead of warning, so a resource type the region does not offer stops `npm run synth` and
 * the tests, not a deploy.
 */
export const APP_CONTEXT = { '@aws-cdk/core:validateAgainstDefaultRules': true } as const;

/**
 * Adds cdk-nag's AwsSolutions checks to an app. They run when the app synthesizes: an open
 * finding fails `cdk synth` / `cdk deploy` (and app.synth() in the tests) with the report.
 */
export function addSecurityChecks(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
}

/** The province's stack in `app`, with its settings file (or the defaults) and its env. */
export function addProvinceStack(
  app: App,
  province: Province,
  loaded: LoadedSettings = loadSettings(province),
  overrides: Partial<Omit<ProvinceStackProps, 'province' | 'loaded'>> = {},
): ProvinceStack {
  return new ProvinceStack(app, stackName(province), {
    province,
    loaded,
    env: {
      // Default: the account of the credentials cdk runs with (only a province without a
      // settings file has no account, and it cannot be deployed); the region always comes
      // from the settings (Jakarta unless set), never from the deployer's CLI profile.
      account: loaded.settings.account ?? process.env.CDK_DEFAULT_ACCOUNT,
      region: loaded.settings.region,
    },
    ...overrides,
  });
}

/**
 * The province's budget stack (us-east-1), when the budget is on and there is an address to
 * alert; undefined otherwise.
 */
export function addBudgetStack(
  app: App,
  province: Province,
  loaded: LoadedSettings = loadSettings(province),
): BudgetStack | undefined {
  const { budget, alarmEmail, account } = loaded.settings;
  if (!budget.enabled || !alarmEmail) return undefined;
  return new BudgetStack(app, budgetStackName(province), {
    province,
    monthlyUsd: budget.monthlyUsd,
    email: alarmEmail,
    env: { account: account ?? process.env.CDK_DEFAULT_ACCOUNT, region: BUDGET_REGION },
  });
}

/**
 * A stand-in forms folder for synths that are never deployed (the stateful snapshot, the cost
 * count): the forms' content changes neither the stateful resources nor the costs.
 */
export function synthOnlyFormsDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pascarehab-forms-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>synth only</title>\n');
  return dir;
}
