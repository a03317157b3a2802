import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { CostBudget } from './constructs/governance';
import { budgetStackName } from './names';
import type { Province } from './provinces';

export interface BudgetStackProps extends StackProps {
  province: Province;
  monthlyUsd: number;
  email: string;
}

export class BudgetStack extends Stack {
  readonly budget: CostBudget;

  constructor(scope: Construct, id: string, props: BudgetStackProps) {
    super(scope, id, {
      ...props,
      stackName: budgetStackName(props.province),
      description: `Pascarehab ${props.province.name}: monthly cost budget of the account`,
    });
    this.budget = new CostBudget(this, 'Cost', { monthlyUsd: props.monthlyUsd, email: props.email });
  }
}
