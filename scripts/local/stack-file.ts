import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** $DATA_DIR/stack.json: where a running `npm start` serves, for `npm run job`. */
export interface StackFile {
  pid: number;
  apiUrl: string;
  dynamodbEndpoint: string;
  s3Endpoint: string;
  tableName: string;
  reportBucket: string;
}

export function writeStackFile(dataDir: string, stack: StackFile): void {
  writeFileSync(join(dataDir, 'stack.json'), `${JSON.stringify(stack, null, 2)}\n`);
}

export function readStackFile(dataDir: string): StackFile {
  let stack: StackFile;
  try {
    stack = JSON.parse(readFileSync(join(dataDir, 'stack.json'), 'utf8')) as StackFile;
  } catch {
    throw new Error(`no running stack found in ${dataDir}: start it with npm start (same DATA_DIR)`);
  }
  try {
    process.kill(stack.pid, 0);
  } catch {
    throw new Error(`the stack recorded in ${dataDir}/stack.json is not running: start it with npm start`);
  }
  return stack;
}
