import { describe, expect, it } from 'vitest';
import { ReportBuilds } from './builds.js';

describe('ReportBuilds', () => {
  it('joins a request to the build already running for the same key', async () => {
    const builds = new ReportBuilds<string>(2);
    let release!: (v: string) => void;
    const make = () => new Promise<string>((resolve) => (release = resolve));
    const a = builds.build('k', make);
    const b = builds.build('k', make);
    await Promise.resolve();
    release('doc');
    expect(await a).toBe('doc');
    expect(await b).toBe('doc');
    expect(builds.started).toBe(1);
    // Once done, the same key builds again (a finished build is not kept here; the answer cache keeps it).
    const c = builds.build('k', async () => 'again');
    expect(await c).toBe('again');
    expect(builds.started).toBe(2);
  });

  it('runs at most `limit` builds at once, the others in arrival order', async () => {
    const builds = new ReportBuilds<number>(1);
    const order: number[] = [];
    let active = 0;
    let peak = 0;
    const make = (n: number) => async () => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((r) => setTimeout(r, 5));
      order.push(n);
      active--;
      return n;
    };
    const all = await Promise.all([1, 2, 3].map((n) => builds.build(`k${n}`, make(n))));
    expect(all).toEqual([1, 2, 3]);
    expect(order).toEqual([1, 2, 3]);
    expect(peak).toBe(1);
  });

  it('passes a failed build to every waiter and frees its slot', async () => {
    const builds = new ReportBuilds<number>(1);
    const failing = builds.build('x', async () => {
      throw new Error('bad unit');
    });
    const joined = builds.build('x', async () => 1);
    await expect(failing).rejects.toThrow('bad unit');
    await expect(joined).rejects.toThrow('bad unit');
    expect(await builds.build('y', async () => 2)).toBe(2);
  });
});
