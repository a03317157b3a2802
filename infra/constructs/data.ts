import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AttributeType,
  Billing,
  BillingMode,
  type GlobalSecondaryIndexPropsV2,
  type ITable,
  ProjectionType,
  Table,
  TableEncryption,
  TableEncryptionV2,
  TableV2,
} from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  ObjectOwnership,
  StorageClass,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { type IndexDefinition, tableDefinition } from '../../shared/table';
import { IMPORT_PREFIX, REPORT_PREFIX } from './pascarehab-function';

const projections: Record<IndexDefinition['projection'], ProjectionType> = { ALL: ProjectionType.ALL };

/** The GSIs of the one table definition, as TableV2 wants them; keys are never re-declared here. */
export function globalSecondaryIndexes(): GlobalSecondaryIndexPropsV2[] {
  return tableDefinition.globalSecondaryIndexes.map((index: IndexDefinition) => ({
    indexName: index.indexName,
    partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
    sortKey: { name: index.sortKey, type: AttributeType.STRING },
    projectionType: projections[index.projection],
  }));
}

/**
 * What CloudFormation does with a stateful resource: keep it when the stack is deleted or
 * the resource leaves the template (RETAIN), except when the stack operation that created it
 * rolls back: a failed first deploy then removes what it created, so a retry starts clean
 * (RetainExceptOnCreate).
 */
export const STATEFUL_REMOVAL = RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE;

export interface ProvinceTableProps {
  provinceName: string;
  /** `table` (AWS::DynamoDB::Table) only where global tables are missing, and only at the first deploy. */
  resource: 'global-table' | 'table';
  /** Off only during a province's first deploy (see ProvinceStack), so that its rollback is clean. */
  deletionProtection: boolean;
}

/**
 * The province's single table, built from shared/table.ts (the same object scripts/local
 * creates the local table from). Health and criminal-record data (UU 27/2022): encrypted with
 * a customer-managed key the province controls and can audit in CloudTrail, point-in-time
 * recovery, deletion protection, and RETAIN so that deleting the stack never deletes the data.
 */
export class ProvinceTable extends Construct {
  readonly table: ITable;
  readonly key: Key;

  constructor(scope: Construct, id: string, props: ProvinceTableProps) {
    super(scope, id);
    this.key = new Key(this, 'Key', {
      description: `Pascarehab ${props.provinceName}: encrypts the program table`,
      enableKeyRotation: true,
      removalPolicy: STATEFUL_REMOVAL,
    });
    const keys = {
      partitionKey: { name: tableDefinition.partitionKey, type: AttributeType.STRING },
      sortKey: { name: tableDefinition.sortKey, type: AttributeType.STRING },
      timeToLiveAttribute: tableDefinition.timeToLiveAttribute,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: props.deletionProtection,
      removalPolicy: STATEFUL_REMOVAL,
    };
    if (props.resource === 'global-table') {
      this.table = new TableV2(this, 'Table', {
        ...keys,
        globalSecondaryIndexes: globalSecondaryIndexes(),
        billing: Billing.onDemand(),
        encryption: TableEncryptionV2.customerManagedKey(this.key),
      });
    } else {
      const table = new Table(this, 'Table', {
        ...keys,
        billingMode: BillingMode.PAY_PER_REQUEST,
        encryption: TableEncryption.CUSTOMER_MANAGED,
        encryptionKey: this.key,
      });
      for (const { indexName, partitionKey, sortKey, projectionType } of globalSecondaryIndexes()) {
        table.addGlobalSecondaryIndex({ indexName, partitionKey, sortKey, projectionType });
      }
      this.table = table;
    }
  }
}

/**
 * Period reports (aggregates, never client identities). Versioned, SSL only,
 * no public access, bucket-owner objects, SSE-S3. Reports move to Standard-IA after 30 days and
 * Glacier Instant Retrieval after 90 (still downloadable at once), and expire after the
 * province's report retention. Server access logs go to a separate bucket.
 */
export class ReportBucket extends Construct {
  readonly bucket: Bucket;
  readonly accessLogBucket: Bucket;

  constructor(scope: Construct, id: string, props: { reportRetentionDays: number }) {
    super(scope, id);
    // The access log bucket must be SSE-S3: S3 server access logging cannot write to a
    // KMS-encrypted target. It keeps the logs as long as the reports they describe.
    this.accessLogBucket = new Bucket(this, 'AccessLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: STATEFUL_REMOVAL,
      lifecycleRules: [
        {
          id: 'expire-access-logs',
          expiration: Duration.days(props.reportRetentionDays),
          noncurrentVersionExpiration: Duration.days(30),
        },
      ],
    });
    // SSE-S3 rather than KMS: reports hold no identities, and SSE-S3 lets a presigned download
    // work without handing every signer a KMS grant.
    this.bucket = new Bucket(this, 'Reports', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.accessLogBucket,
      serverAccessLogsPrefix: 'reports-bucket/',
      removalPolicy: STATEFUL_REMOVAL,
      lifecycleRules: [
        {
          id: 'reports-to-cheaper-storage',
          prefix: REPORT_PREFIX,
          transitions: [
            { storageClass: StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(30) },
            { storageClass: StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: Duration.days(90) },
          ],
          expiration: Duration.days(props.reportRetentionDays),
          noncurrentVersionTransitions: [
            { storageClass: StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(30) },
          ],
          // Versioning is for recovering an overwritten report, not a second archive.
          noncurrentVersionExpiration: Duration.days(90),
        },
        {
          // Uploaded import workbooks hold identities (names, NIK): kept a week for a retry,
          // then deleted, old versions too (docs/imports.md).
          id: 'expire-import-uploads',
          prefix: IMPORT_PREFIX,
          expiration: Duration.days(7),
          noncurrentVersionExpiration: Duration.days(1),
        },
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(7) },
      ],
    });
  }
}
