import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { type Province, stackName } from './provinces';
import { type LoadedSettings, loadSettings } from './settings';
import { ProvinceStack, type ProvinceStackProps } from './stack';

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
      // Default: the account of the credentials cdk runs with; the region always comes from
      // the settings (Jakarta unless set), never from the deployer's CLI profile.
      account: loaded.settings.account ?? process.env.CDK_DEFAULT_ACCOUNT,
      region: loaded.settings.region,
    },
    ...overrides,
  });
}
