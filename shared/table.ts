/**
 * The one definition of the single DynamoDB table. infra/ (CDK TableV2) and scripts/local
 * (CreateTable against DynamoDB Local) both build the table from this object, so the local
 * table and the production table cannot drift apart.
 */
export interface IndexDefinition {
  indexName: string;
  partitionKey: string;
  sortKey: string;
  /** ALL: list queries answer from the index without a second read. */
  projection: 'ALL';
}

export const tableDefinition = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Generic, overloaded GSIs; which entity uses which is documented in docs/data-model.md. */
  globalSecondaryIndexes: [
    { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk', projection: 'ALL' },
    { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk', projection: 'ALL' },
    { indexName: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk', projection: 'ALL' },
  ] as const satisfies readonly IndexDefinition[],
  /** Epoch seconds; idempotency records expire through DynamoDB TTL. */
  timeToLiveAttribute: 'expiresAt',
} as const;

export type IndexName = (typeof tableDefinition.globalSecondaryIndexes)[number]['indexName'];
