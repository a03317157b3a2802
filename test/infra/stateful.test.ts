import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { statefulDiffBlocks } from '../../infra/stateful';

describe('the stateful part of `cdk diff` (what npm run deploy shows and asks about)', () => {
  const diff = readFileSync(new URL('./fixtures/cdk-diff.txt', import.meta.url), 'utf8');

  it('keeps the blocks of tables, buckets and keys with their details, and nothing else', () => {
    const blocks = statefulDiffBlocks(diff);

    expect(blocks.map((b) => b.split('\n')[0])).toEqual([
      '[~] AWS::DynamoDB::GlobalTable Data/Table DataTableFDBAD0F2 replace',
      '[-] AWS::S3::Bucket Reports/AccessLogs ReportsAccessLogs12345678 orphan',
      '[~] AWS::KMS::Key Alarms/Key AlarmsKey3C2381B3 ',
    ]);
    // The whole block of the table, down to the changed key attribute.
    expect(blocks[0]).toContain('KeySchema (requires replacement)');
    expect(blocks[0]).toContain('[+]     "AttributeName": "id",');
    expect(blocks[0]).not.toContain('AWS::Lambda::Function');
    // The key's block ends before the Outputs section.
    expect(blocks[2]).not.toContain('Output');
  });

  it('finds nothing when only functions, roles and outputs change', () => {
    const withoutStateful = diff
      .split('\n')
      .filter((_line, i, lines) => {
        const owner = lines
          .slice(0, i + 1)
          .reverse()
          .find((l) => /^\[[-+~]\] AWS::/.test(l));
        return !owner || !/DynamoDB|S3::Bucket|KMS/.test(owner);
      })
      .join('\n');

    expect(withoutStateful).toContain('AWS::Lambda::Function');
    expect(statefulDiffBlocks(withoutStateful)).toEqual([]);
  });
});
