// Baseline: one DynamoDB GetItem with the raw SDK (docs/performance.md).
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';

const client = new DynamoDBClient({});

export const handler = async () =>
  (
    await client.send(
      new GetItemCommand({ TableName: 'pascarehab', Key: { pk: { S: 'a' }, sk: { S: 'a' } } }),
    )
  ).Item;
