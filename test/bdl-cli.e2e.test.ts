/** `smup bdl …` as a user runs it, against the fake BDL API on 127.0.0.1 (never the real one). */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeBdlServer, type FakeBdlServer } from './fake-bdl-server.js';
import { runSmup } from './smup-process.js';

const dataDir = mkdtempSync(join(tmpdir(), 'smup-bdl-cli-'));
let server: FakeBdlServer;
beforeAll(async () => {
  server = await startFakeBdlServer();
});
afterAll(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const smup = (...args: string[]) =>
  runSmup({ SMUP_DATA_DIR: dataDir, BDL_API_URL: server.url, BDL_CLIENT_ID: '' }, args);

describe('smup bdl', () => {
  it('searches variables and prints them as CSV, keeping the quota state in the data dir', async () => {
    const result = await smup('bdl', 'search', 'wydatki oświata', '--format', 'csv');
    expect(result).toMatchObject({ status: 0, stderr: '' });
    expect(result.stdout.trim().split('\r\n')).toEqual([
      'id,name,subject,unit,level',
      '60559,"wydatki ogółem, oświata i wychowanie",P2622,zł,6',
      '60560,"wydatki bieżące, oświata i wychowanie",P2622,zł,6',
    ]);
    const quota = JSON.parse(readFileSync(join(dataDir, 'bdl-quota.json'), 'utf-8')) as {
      clients: Record<string, number[]>;
    };
    expect(quota.clients.anonymous).toHaveLength(1);
  });

  it('shows one variable with its subject path, levels and years; in English with --lang en', async () => {
    const table = await smup('bdl', 'variable', '60559');
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(
      /name +Wydatki budżetów gmin wg działów — wydatki ogółem, oświata i wychowanie/,
    );
    expect(table.stdout).toMatch(
      /subject +FINANSE PUBLICZNE > Budżety gmin > Wydatki budżetów gmin wg działów/,
    );
    expect(table.stdout).toMatch(/levels +gmina, powiat, wojewodztwo, polska/);
    expect(table.stdout).toMatch(/years +1995–2024/);
    const json = JSON.parse(
      (await smup('bdl', 'variable', '60559', '--lang', 'en', '--format', 'json')).stdout,
    ) as {
      id: string;
      name: string;
      measureUnit: string;
    };
    expect(json).toMatchObject({
      id: 'bdl:60559',
      name: 'Gmina expenditure by division — expenditure total, education',
    });
    expect(server.requests.filter((r) => r.query.get('lang') === 'en').length).toBeGreaterThan(0);
  });

  it('sends the key given by --client-id in the X-ClientId header', async () => {
    server.requests.length = 0;
    expect((await smup('bdl', 'variable', '8', '--client-id', 'abc123')).status).toBe(0);
    expect(server.requests.map((r) => r.clientId)).toContain('abc123');
  });

  it('plans an ingest: requests and ETA under the quota', async () => {
    // A data dir of its own: no quota history, so the estimate depends on nothing but the arguments.
    const fresh = mkdtempSync(join(tmpdir(), 'smup-bdl-plan-'));
    const result = await smup(
      '--data-dir',
      fresh,
      'bdl',
      'plan',
      '--variable',
      '1',
      '2',
      '--years',
      '2015-2024',
      '--level',
      'gmina',
      'powiat',
    );
    rmSync(fresh, { recursive: true, force: true });
    expect(result.status).toBe(0);
    // 2 × (25 + 4) = 58 requests, under 100 per 15 min: 5/s sets the pace, the last at floor(57 / 5) = 11 s.
    expect(result.stdout).toBe(
      '58 requests, ETA 11 s (bound by the quota of 5 per s)\n' +
        'gmina (level 6): 2 × 25 pages; powiat (level 5): 2 × 4 pages\n',
    );
  });

  it('fails with exit code 1 and a message naming the request when the API fails', async () => {
    server.fail({ kind: 'malformed-json' }, { path: /^\/variables\/search$/ });
    const result = await smup('bdl', 'search', 'kobiety');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /smup: BDL API request GET http:\/\/127\.0\.0\.1:\d+\/api\/v1\/variables\/search\?name=kobiety.* the answer is not JSON/,
    );
    expect(existsSync(join(dataDir, 'bdl-quota.json'))).toBe(true);
  });
});
