// Times the browser verifier (the 验证 button of the public draw page,
// frontend/src/verify in a Web Worker) in headless Chromium on an evidence
// document, as figure 4 of docs/benchmarks.md reports it.
//
//   node bench/browserverify.mjs BASE DRAW_KEY FILE [RUNS]
//
// BASE is a running `suiji serve` (its SPA and API), DRAW_KEY the draw's key
// as in /public/draws/{key}/evidence.json, FILE an evidence document. The
// page's request for the evidence is answered with FILE, so the whole
// document (which the public page never gets) can be timed too. Reports the
// time from the click to the verdict, and the peak of the resident memory
// of every Chromium process above what it was before the click (sampled
// every 50 ms from /proc).
import { readFileSync, readdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

const [base, key, file, runsArg] = process.argv.slice(2);
if (!base || !key || !file) {
  console.error('usage: node bench/browserverify.mjs BASE DRAW_KEY FILE [RUNS]');
  process.exit(2);
}
const runs = Number(runsArg ?? 3);
const body = readFileSync(file);

/** Resident memory (bytes) of all processes whose command is chromium. */
function chromiumRSS() {
  let total = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'latin1');
      if (!cmd.includes('chromium')) continue;
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'latin1'));
      if (m) total += Number(m[1]) * 1024;
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

const browser = await chromium.launch({ executablePath: process.env.SUIJI_E2E_CHROMIUM || '/usr/bin/chromium' });
try {
  for (let run = 1; run <= runs; run++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(300_000);
    await page.route(`**/public/draws/${key}/evidence.json`, (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body }),
    );
    await page.goto(`${base.replace(/\/+$/, '')}/open/draws/${key}`);
    await page.getByTestId('verify-run').waitFor();
    await page.waitForTimeout(1000); // the page's own first read of the document settles
    const baseline = chromiumRSS();
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, chromiumRSS());
    }, 50);
    const t0 = performance.now();
    await page.getByTestId('verify-run').click();
    const verdict = await page.locator('[data-testid="verify-ok"], [data-testid="verify-failed"]').first();
    await verdict.waitFor();
    const ms = performance.now() - t0;
    clearInterval(sampler);
    const ok = (await verdict.getAttribute('data-testid')) === 'verify-ok';
    const text = (await verdict.innerText()).split('\n')[0];
    console.log(
      `run ${run}: ${ok ? 'verified' : 'FAILED'} in ${(ms / 1000).toFixed(2)} s, ` +
        `Chromium RSS peak +${((peak - baseline) / 2 ** 20).toFixed(0)} MB over ${(baseline / 2 ** 20).toFixed(0)} MB (${text})`,
    );
    await context.close();
    if (!ok) process.exitCode = 1;
  }
} finally {
  await browser.close();
}
