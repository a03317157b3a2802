import { type Province, stackName } from './provinces';

/**
 * Names the CLI shares with the CDK app, kept apart from the constructs so that the CLI
 * starts without loading aws-cdk-lib.
 */

/**
 * Context key `npm run deploy` sets for a province's first deploy (the stack does not exist
 * yet): deletion protection of the table and the user pool stays off, so that a failed
 * first deploy rolls back completely (RetainExceptOnCreate deletes what it created, and
 * deletion protection would block exactly that). The CLI deploys again at once without it.
 */
export const FIRST_DEPLOY_CONTEXT = 'pascarehab:firstDeploy';

/**
 * AWS Budgets has no CloudFormation resource in ap-southeast-3 (AWS's CloudFormation schema
 * for the region lacks AWS::Budgets::Budget), and a budget is account-wide anyway: it lives in
 * a small stack of its own in us-east-1, where Budgets' endpoint is. It holds an amount and
 * an e-mail address, no program data.
 */
export const BUDGET_REGION = 'us-east-1';

/** `Pascarehab-JawaTengah-Budget`. */
export function budgetStackName(province: Province): string {
  return `${stackName(province)}-Budget`;
}
