// Baseline for functions that also use the report bucket: a GetItem, a PutObject and a
// presigned GET with the raw SDK (docs/performance.md).
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

const client = new DynamoDBClient({});
const s3 = new S3Client({});

export const handler = async () => {
  const { Item } = await client.send(
    new GetItemCommand({ TableName: 'pascarehab', Key: { pk: { S: 'a' }, sk: { S: 'a' } } }),
  );
  await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: 'x' }));
  return [Item, await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: 900 })];
};
