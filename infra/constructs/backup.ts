import { Duration, Stack } from 'aws-cdk-lib';
import {
  BackupPlan,
  BackupPlanRule,
  BackupResource,
  BackupVault,
  BackupVaultEvents,
  type CfnBackupVault,
} from 'aws-cdk-lib/aws-backup';
import { Schedule } from 'aws-cdk-lib/aws-events';
import { ManagedPolicy, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { STATEFUL_REMOVAL } from './data';

/** Days a daily recovery point is kept (as long as the table's point-in-time window). */
export const BACKUP_RETENTION_DAYS = 35;

/**
 * The AWS-managed policies of the backup role: create and restore recovery points of
 * DynamoDB (and their KMS grants) and of S3. AWS keeps them in step with what AWS Backup
 * calls; a hand-written copy would drift.
 */
export const BACKUP_ROLE_POLICIES = [
  'service-role/AWSBackupServiceRolePolicyForBackup',
  'service-role/AWSBackupServiceRolePolicyForRestores',
  'AWSBackupServiceRolePolicyForS3Backup',
  'AWSBackupServiceRolePolicyForS3Restore',
] as const;

export interface ProvinceBackupProps {
  /** ARNs of what is backed up: the table and the report bucket. */
  resourceArns: string[];
  /** Failed backup or restore jobs are notified here (the alarm topic). */
  notificationTopic: ITopic;
}

/**
 * Daily AWS Backup recovery points of the table and the report bucket, kept 35 days, in a
 * vault of this stack's region only: the plan has no copy action, so no recovery point
 * leaves ap-southeast-3 (data residency). Point-in-time recovery (the table's own, 35 days)
 * stays the first means of restore; these recovery points also cover the report bucket and
 * survive a deleted table.
 */
export class ProvinceBackup extends Construct {
  readonly vault: BackupVault;
  readonly plan: BackupPlan;
  readonly role: Role;

  constructor(scope: Construct, id: string, props: ProvinceBackupProps) {
    super(scope, id);
    this.vault = new BackupVault(this, 'Vault', { removalPolicy: STATEFUL_REMOVAL });
    // Set on the CloudFormation resource, not through the L2's notificationTopic: that would
    // also add an unconditioned sns:Publish for AWS Backup to the topic policy, beside the
    // one AlarmTopic grants for this account's vaults only.
    (this.vault.node.defaultChild as CfnBackupVault).notifications = {
      snsTopicArn: props.notificationTopic.topicArn,
      backupVaultEvents: [BackupVaultEvents.BACKUP_JOB_FAILED, BackupVaultEvents.RESTORE_JOB_FAILED],
    };
    this.plan = new BackupPlan(this, 'Plan', {
      backupVault: this.vault,
      backupPlanRules: [
        new BackupPlanRule({
          ruleName: 'daily-35-days',
          // 20:00 UTC: 03:00 in Jakarta, 04:00 in Makassar, 05:00 in Jayapura; after the
          // report job (01:00 local by default), before the working day.
          scheduleExpression: Schedule.cron({ hour: '20', minute: '0' }),
          startWindow: Duration.hours(1),
          completionWindow: Duration.hours(8),
          deleteAfter: Duration.days(BACKUP_RETENTION_DAYS),
          // No copyActions: nothing is copied to another region or account.
        }),
      ],
    });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('backup.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: 'AWS Backup: backs up and restores the province table and report bucket',
      managedPolicies: BACKUP_ROLE_POLICIES.map((name) => ManagedPolicy.fromAwsManagedPolicyName(name)),
    });
    this.plan.addSelection('Selection', {
      resources: props.resourceArns.map((arn) => BackupResource.fromArn(arn)),
      role: this.role,
      // The role above carries the policies (including S3, which the default lacks).
      disableDefaultBackupPolicy: true,
    });
  }
}
