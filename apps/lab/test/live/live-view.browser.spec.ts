// The live view in a real browser (headless Chromium, real clicks): the tutorial's weight change
// seen on the chart, a refused change, and what a scale-up does on each path.
import type { Page } from 'playwright-core';
import { type LiveLab, type LiveWindow, WINDOW_MS } from '@grpc-greeter/lab-engine';
import { startUiServer, type UiServer } from '../../src/ui';
import { type Browser, openBrowser } from './browser';
import { nextWindows, type RunningLabUnderTest, startLabUnderTest } from './lab-under-test';
import { LivePage } from './live-page';

// How long the page may take to show what the lab did. These tests check what the page shows, not
// how fast: on a 2-core CI machine running other suites, Chromium and the lab under test share
// the CPUs and an event can reach the page seconds late. How fast traffic follows a change is
// asserted on the lab's own windows (below) and measured by the bench.
const PAGE_MS = 15_000;

// Two page waits of PAGE_MS fit in one test.
jest.setTimeout(60_000);

describe('the live view in Chromium', () => {
  let browser: Browser;
  let running: RunningLabUnderTest | undefined;
  let ui: UiServer | undefined;
  let page: Page;

  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });
  afterEach(async () => {
    await page.close();
    await ui?.close();
    await running?.stop();
  });

  async function open(scenario: string): Promise<{ lab: LiveLab; live: LivePage }> {
    running = await startLabUnderTest(scenario);
    ui = await startUiServer(running.lab, { port: 0 });
    page = await browser.context.newPage();
    const live = new LivePage(page);
    await live.open(ui.url);
    return { lab: running.lab, live };
  }

  /** The tutorial's last step in the page: 0/100, then v1's rate must reach 0 on the chart. */
  async function moveEverythingToV2(live: LivePage): Promise<void> {
    await live.seesTraffic('version', ['v1', 'v2'], PAGE_MS);
    await live.setWeights({ v1: 0, v2: 100 });
    await live.waitForZero('version', 'v1', PAGE_MS);
  }

  it('shows v1 and v2 for weighted-90-10; after 0/100 in the form, v1 falls to 0 with no failed call', async () => {
    const { live } = await open('weighted-90-10');
    expect(await live.page.locator('#path').textContent()).toBe('mesh (xDS, L7)');
    await moveEverythingToV2(live);
    expect(await live.page.locator('#version-chart canvas').count()).toBe(1);
    expect(await live.rate('version', 'v2')).toBeGreaterThan(0);
    expect(await live.failedTotal()).toBe(0);
  });

  it('fails that check when the weight control is disconnected (its request never reaches the lab)', async () => {
    const { lab, live } = await open('weighted-90-10');
    await live.page.route('**/api/weights', (route) => route.abort());
    await expect(moveEverythingToV2(live)).rejects.toThrow(`Timeout ${PAGE_MS}ms exceeded`);
    expect(lab.state().weights).toEqual({ v1: 90, v2: 10 });
    expect(await live.refused().textContent()).toMatch(/^the lab did not answer/);
  });

  it("shows helm's error when the cluster would refuse the weights, and keeps the split", async () => {
    const { lab, live } = await open('weighted-90-10');
    await live.setWeights({ v1: 90, v2: 20 });
    await live.refused().getByText('routing.weights must sum to 100, got 110').waitFor();
    expect(lab.state().weights).toEqual({ v1: 90, v2: 10 });
  });

  it('keeps new pods at 0 calls/s after a scale-up on scale-up-client-side-lb', async () => {
    const { lab, live } = await open('scale-up-client-side-lb');
    // The rendered client's --lb=round_robin: both pods it resolved get calls, before and after.
    await live.seesTraffic('version', ['v1', 'v2'], PAGE_MS);
    const before = await live.pods('v1');
    await live.scale('v1', 3);
    await live.page.locator('#pods tr[data-version="v1"]').nth(2).waitFor();
    const added = (await live.pods('v1')).filter((pod) => !before.includes(pod));
    expect(added).toHaveLength(2);
    for (const pod of added) await live.waitForReady(pod);
    for (let i = 0; i < 3; i += 1) {
      await nextWindows(lab, 1);
      await live.seesTraffic('pod', [...before, ...(await live.pods('v2'))], PAGE_MS);
      for (const pod of added) expect([pod, await live.rate('pod', pod)]).toEqual([pod, 0]);
    }
  });

  it('sends calls to new pods within a second of them being ready on scale-up-mesh', async () => {
    const { lab, live } = await open('scale-up-mesh');
    const before = await live.pods('v1');
    // The lab's own record: when each pod entered the endpoints, and the windows of calls.
    const readyAt = new Map<string, number>();
    const windows: LiveWindow[] = [];
    lab.on('state', (state) => {
      for (const { hostname } of state.pods)
        if (!readyAt.has(hostname)) readyAt.set(hostname, Date.now());
    });
    lab.on('window', (window) => windows.push(window));
    // The client calls before the scale-up: its own start-up (seconds on a busy machine) is not
    // what this measures.
    await live.seesTraffic('version', ['v1', 'v2'], PAGE_MS);
    await live.scale('v1', 3);
    await live.page.locator('#pods tr[data-version="v1"]').nth(2).waitFor({ timeout: PAGE_MS });
    const added = (await live.pods('v1')).filter((pod) => !before.includes(pod));
    expect(added).toHaveLength(2);
    for (const pod of added) await live.waitForReady(pod);
    await live.seesTraffic('pod', added, PAGE_MS);
    // A window ending within 2 s of a pod's arrival covers calls made within 1 s of it, at the
    // lab's 1 s resolution: the first window with calls to the pod must end by then.
    for (const pod of added) {
      const first = windows.find((w) => (w.byPod[pod] ?? 0) > 0) as LiveWindow;
      const lagMs = Date.parse(first.time) - (readyAt.get(pod) as number);
      expect([pod, lagMs <= 1000 + WINDOW_MS]).toEqual([pod, true]);
    }
  });
});
