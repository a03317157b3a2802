// Baseline for the officer routes: a GetItem and a Cognito ListUsers with the raw SDK.
import { CognitoIdentityProviderClient, ListUsersCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';

const client = new DynamoDBClient({});
const cognito = new CognitoIdentityProviderClient({});

export const handler = async () => [
  (
    await client.send(
      new GetItemCommand({ TableName: 'pascarehab', Key: { pk: { S: 'a' }, sk: { S: 'a' } } }),
    )
  ).Item,
  await cognito.send(new ListUsersCommand({ UserPoolId: 'p' })),
];
