import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureKeyPair, signLocalToken } from '../../scripts/local/identity';
import { startLocalStack } from './stack';

function javaChildren(pid: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(pid), 'java'], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(check: () => boolean, ms = 15_000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}

describe('npm start (the local stack)', () => {
  it('keeps data across a restart with the same DATA_DIR and leaves no java behind on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pascarehab-restart-'));
    try {
      const first = await startLocalStack({ dataDir });
      const java = javaChildren(first.process.pid!);
      expect(java).toHaveLength(1);
      const token = await signLocalToken(ensureKeyPair(dataDir), { role: 'pk', office: 'bapas-semarang' });
      const created = await fetch(`${first.baseUrl}/clients`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          office: 'bapas-semarang',
          registrationNumber: 'PB-RESTART',
          fullName: 'Budi',
          sex: 'male',
          birthDate: '1990-01-01',
        }),
      });
      expect(created.status).toBe(201);
      const { id } = (await created.json()) as { id: string };
      await first.stop({ keepData: true });
      expect(await waitUntil(() => !alive(java[0]!))).toBe(true);

      const second = await startLocalStack({ dataDir });
      try {
        // The key pair under DATA_DIR survives too: the old token still works.
        const read = await fetch(`${second.baseUrl}/clients/${id}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        expect(read.status).toBe(200);
        expect(((await read.json()) as { registrationNumber: string }).registrationNumber).toBe('PB-RESTART');
      } finally {
        await second.stop({ keepData: true });
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 240_000);

  it('leaves no java behind when the start process is killed outright (SIGKILL)', async () => {
    const stack = await startLocalStack();
    const java = javaChildren(stack.process.pid!);
    expect(java).toHaveLength(1);
    expect(alive(java[0]!)).toBe(true);
    stack.process.kill('SIGKILL');
    expect(await waitUntil(() => !alive(java[0]!))).toBe(true);
    await stack.stop();
  });

  it('seeds the demo data on an empty database by default, through the API, and only once', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pascarehab-demo-'));
    try {
      const first = await startLocalStack({ dataDir, env: { SEED_DEMO: '1' } });
      await first.waitFor(/demo data: /);
      const token = await signLocalToken(ensureKeyPair(dataDir), {
        role: 'viewer',
        office: 'bnnp-jawa-tengah',
      });
      const periods = (await (
        await fetch(`${first.baseUrl}/periods`, { headers: { authorization: `Bearer ${token}` } })
      ).json()) as {
        items: Array<{ id: string; name: string; enrolledCount: number; capacity: number; status: string }>;
      };
      // The Semarang story (README "The demo"): three past periods entered through the import
      // path, closed with their reports, and one current period.
      expect(periods.items.map((p) => [p.name, p.capacity, p.enrolledCount, p.status])).toEqual([
        [expect.stringMatching(/^Pascarehabilitasi \d{4}-\d{2} \(berjalan\)$/), 35, 8, 'open'],
        ['Pascarehabilitasi Jan-Des 2025', 35, 30, 'closed'],
        ['Pascarehabilitasi Nov-Des 2024', 5, 5, 'closed'],
        ['Pascarehabilitasi Mei-Okt 2024', 16, 14, 'closed'],
      ]);
      expect(first.output()).toMatch(/demo data: 4 periods, 64 clients \(1\d{3} rows imported/);
      const reports = async (i: number) =>
        (
          (await (
            await fetch(`${first.baseUrl}/periods/${periods.items[i]?.id}/reports`, {
              headers: { authorization: `Bearer ${token}` },
            })
          ).json()) as { items: Array<{ id: string }> }
        ).items.map((r) => r.id);
      expect(await reports(1)).toEqual([
        'final_2025-12-31',
        ...Array.from({ length: 11 }, (_, k) => {
          const end = new Date(Date.UTC(2025, 11 - k, 0)).toISOString().slice(0, 10);
          return `monthly_${end}`;
        }),
      ]);
      expect(await reports(2)).toEqual(['final_2024-12-31']);
      expect(await reports(3)).toEqual(['final_2024-10-31']);
      // The program's question out of the box: the old way against home visit first.
      const comparisons = (await (
        await fetch(`${first.baseUrl}/comparisons?period=${periods.items[3]?.id}`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).json()) as { items: Array<{ id: string; files: { json: string } }> };
      expect(comparisons.items).toHaveLength(1);
      const comparison = (await (await fetch(comparisons.items[0]?.files.json ?? '')).json()) as {
        comparisons: Array<{ whoqol: { domains: Record<string, { reason?: string; ancova: unknown }> } }>;
      };
      const [followUp, year] = comparison.comparisons;
      expect(followUp?.whoqol.domains.physical?.reason).toBe('small_sample');
      expect(year?.whoqol.domains.physical?.ancova).not.toBeNull();
      await first.stop({ keepData: true });
      const second = await startLocalStack({ dataDir, env: { SEED_DEMO: '1' } });
      try {
        // The job line comes after any seeding: by then a second seed would have shown.
        await second.waitFor(/period-end job: /);
        expect(second.output()).not.toMatch(/demo data: /);
        const again = (await (
          await fetch(`${second.baseUrl}/periods`, { headers: { authorization: `Bearer ${token}` } })
        ).json()) as {
          items: unknown[];
        };
        expect(again.items).toHaveLength(4);
      } finally {
        await second.stop({ keepData: true });
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 240_000);
});
