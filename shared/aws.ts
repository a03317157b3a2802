import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from './config';

/**
 * The AWS SDK clients (DynamoDB, S3), created once per container (module scope, lazily so that tests and the local
 * server can set the environment first).
 */
let documentClient: DynamoDBDocumentClient | undefined;
let s3Client: S3Client | undefined;
let sqsClient: SQSClient | undefined;

/** The import queue's client (only the import routes and the worker send to it). */
export function sqs(): SQSClient {
  if (!sqsClient) sqsClient = new SQSClient({ region: config().region });
  return sqsClient;
}

export function ddb(): DynamoDBDocumentClient {
  if (!documentClient) {
    const c = config();
    const base = new DynamoDBClient({
      region: c.region,
      ...(c.dynamodbEndpoint ? { endpoint: c.dynamodbEndpoint } : {}),
    });
    documentClient = DynamoDBDocumentClient.from(base, {
      marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    });
  }
  return documentClient;
}

export function s3(): S3Client {
  if (!s3Client) {
    const c = config();
    s3Client = new S3Client({
      region: c.region,
      ...(c.s3Endpoint
        ? {
            endpoint: c.s3Endpoint,
            forcePathStyle: true,
            // s3rver stores aws-chunked bodies with the chunk framing inside (docs/architecture.md, "Local stand-ins").
            requestChecksumCalculation: 'WHEN_REQUIRED' as const,
            responseChecksumValidation: 'WHEN_REQUIRED' as const,
          }
        : {}),
    });
  }
  return s3Client;
}
