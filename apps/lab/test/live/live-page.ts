// The live view as a person uses it, through Playwright: read the charts' legends and the pods
// table, fill the forms and click their buttons.
import type { Locator, Page } from 'playwright-core';

export type Chart = 'pod' | 'version';

export class LivePage {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.locator('#connection.live').waitFor();
  }

  /** The series' entry in a chart's legend, which shows its latest rate in data-rate. */
  series(chart: Chart, name: string): Locator {
    return this.page.locator(`[data-chart="${chart}"] li[data-series="${name}"]`);
  }

  async rate(chart: Chart, name: string): Promise<number> {
    return Number(await this.series(chart, name).getAttribute('data-rate'));
  }

  /** Waits until every named series shows a rate above 0 in the same window. */
  async seesTraffic(chart: Chart, names: string[], timeoutMs = 5000): Promise<void> {
    const has = names
      .map((name) => `:has(li[data-series="${name}"]:not([data-rate="0"]))`)
      .join('');
    await this.page.locator(`[data-chart="${chart}"]${has}`).waitFor({ timeout: timeoutMs });
  }

  async waitForZero(chart: Chart, name: string, timeoutMs: number): Promise<void> {
    await this.page
      .locator(`[data-chart="${chart}"] li[data-series="${name}"][data-rate="0"]`)
      .waitFor({ timeout: timeoutMs });
  }

  async setWeights(weights: Record<string, number>): Promise<void> {
    for (const [version, weight] of Object.entries(weights)) {
      await this.page.locator(`#weight-${version}`).fill(String(weight));
    }
    await this.page.locator('#apply-weights').click();
  }

  async scale(version: string, replicas: number): Promise<void> {
    await this.page.locator('#scale-version').selectOption(version);
    await this.page.locator('#scale-replicas').fill(String(replicas));
    await this.page.locator('#scale-apply').click();
  }

  async pods(version?: string): Promise<string[]> {
    const rows = await this.page
      .locator(version ? `#pods tr[data-version="${version}"]` : '#pods tr')
      .all();
    const names = await Promise.all(rows.map((row) => row.getAttribute('data-pod')));
    return names.filter((name): name is string => name !== null);
  }

  async waitForReady(hostname: string): Promise<void> {
    await this.page.locator(`#pods tr[data-pod="${hostname}"][data-ready="true"]`).waitFor();
  }

  async failedTotal(): Promise<number> {
    return Number(await this.page.locator('#failed-total').textContent());
  }

  refused(): Locator {
    return this.page.locator('#refused');
  }
}
