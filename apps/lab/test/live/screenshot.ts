// Regenerates docs/images/lab-live.png (`npm run screenshot`): the live view of weighted-90-10 in
// headless Chromium, ten seconds at 90/10, then 50/50 set through the page's own form.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { startUiServer } from '../../src/ui';
import { openBrowser } from './browser';
import { nextWindows, startLabUnderTest } from './lab-under-test';
import { LivePage } from './live-page';

const OUT = resolve(__dirname, '../../../../docs/images/lab-live.png');

async function main(): Promise<void> {
  const running = await startLabUnderTest('weighted-90-10');
  const ui = await startUiServer(running.lab, { port: 0 });
  const browser = await openBrowser();
  try {
    const live = new LivePage(await browser.context.newPage());
    await live.open(ui.url);
    await nextWindows(running.lab, 10);
    await live.setWeights({ v1: 50, v2: 50 });
    await nextWindows(running.lab, 6);
    // Let the page draw the last window; a short viewport so the picture ends with the page.
    await live.page.waitForTimeout(200);
    await live.page.setViewportSize({ width: 1200, height: 600 });
    mkdirSync(dirname(OUT), { recursive: true });
    await live.page.screenshot({ path: OUT, fullPage: true });
    process.stdout.write(`wrote ${OUT}\n`);
  } finally {
    await browser.close();
    await ui.close();
    await running.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`screenshot: ${(error as Error).stack}\n`);
  process.exit(1);
});
