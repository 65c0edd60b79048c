// End-to-end test of the joint plans and the verifiable draw, against a
// running suiji server with demo data (suiji seed --demo draws PLAN-YYYY-0001):
//
//   SUIJI_E2E_URL=http://127.0.0.1:18080 npm run e2e
//
// Same environment as foundation.test.mjs. The public verifies the demo
// draw in the browser; the admin reads the plan; then a new plan (made
// through the API, copying the demo plan's departments, items and scope) goes
// through submit (dept-admin), review, publish, freeze and the draw ceremony
// in the browser. Every run makes a new plan, so it can run again.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const BASE = (process.env.SUIJI_E2E_URL ?? '').replace(/\/+$/, '');
const PASSWORD = process.env.SUIJI_E2E_PASSWORD || 'suiji-demo';
const SHOTS = path.resolve(process.env.SUIJI_E2E_SCREENSHOTS || 'artifacts/screenshots');
const CHROMIUM = process.env.SUIJI_E2E_CHROMIUM || '/usr/bin/chromium';

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const STEP = 20_000;
const SCENARIO = 180_000;

let context;
let profileDir;
const problems = [];
const warnings = [];


/** A GraphQL request through the API, signed in as username. */
async function gql(username, query, variables = {}) {
  const login = await fetch(`${BASE}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken } }',
      variables: { u: username, p: PASSWORD },
    }),
  }).then((r) => r.json());
  const token = login.data.login.accessToken;
  const res = await fetch(`${BASE}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  }).then((r) => r.json());
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data;
}

const YEAR = new Date().getFullYear();
let wizardPlanId = null;

async function newPage() {
  const page = await context.newPage();
  page.setDefaultTimeout(STEP);
  page.setDefaultNavigationTimeout(STEP);
  await page.setViewportSize(DESKTOP);
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/status of 401/.test(msg.text())) {
      problems.push(`${page.url()}: console error: ${msg.text()}`);
    }
    if (msg.type() === 'warning') warnings.push(`${page.url()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`${page.url()}: page error: ${err.message}`));
  return page;
}

async function shot(page, name, { fullPage = true } = {}) {
  // a full-page picture of a scrolled page draws the sticky header mid-page
  if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage });
}

async function signIn(page, username) {
  await page.goto(`${BASE}/open`);
  await page.evaluate(() => {
    localStorage.removeItem('suiji.refreshToken');
    sessionStorage.clear();
  });
  await page.goto(`${BASE}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('home-page').waitFor();
}

/** Waits for a table to show rows (not the empty placeholder). */
async function rowsOf(page, testid) {
  const rows = page.locator(`[data-testid="${testid}"] tbody tr.ant-table-row`);
  await rows.first().waitFor();
  return rows;
}

before(async () => {
  if (!BASE) {
    throw new Error(
      'SUIJI_E2E_URL is not set: start a suiji server with demo data and run e.g. SUIJI_E2E_URL=http://127.0.0.1:18080 npm run e2e',
    );
  }
  if (!existsSync(CHROMIUM)) throw new Error(`no browser at ${CHROMIUM}: apt-get install -y chromium (or set SUIJI_E2E_CHROMIUM)`);
  const health = await fetch(`${BASE}/healthz`, { signal: AbortSignal.timeout(10_000) }).catch((e) => e);
  if (!(health instanceof Response) || !health.ok) {
    throw new Error(`the server at ${BASE} does not answer /healthz: ${health instanceof Response ? health.status : health}`);
  }
  mkdirSync(SHOTS, { recursive: true });
  profileDir = mkdtempSync(path.join(tmpdir(), 'suiji-e2e-plans-'));
  context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: DESKTOP,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});

after(async () => {
  await context?.close();
  if (profileDir) rmSync(profileDir, { recursive: true, force: true });
});


describe('joint plans and the verifiable draw', { concurrency: false }, () => {
  test('the public opens the demo draw at /open/draws and verifies it in the browser', { timeout: SCENARIO }, async () => {
    const page = await newPage();
    await page.goto(`${BASE}/open`);
    await page.evaluate(() => {
      localStorage.removeItem('suiji.refreshToken');
      sessionStorage.clear();
    });
    await page.goto(`${BASE}/open`);
    await page.getByTestId('open-draws-card').waitFor();
    await page.getByTestId('open-draws-link').click();
    await page.waitForURL(/\/open\/draws$/);
    const rows = await rowsOf(page, 'open-draws-table');
    assert.ok((await rows.count()) >= 1, 'the demo draw is listed');
    await shot(page, '60-open-draws');
    const demo = page.locator('[data-testid="open-draws-table"] tbody tr', { hasText: `PLAN-${YEAR}-0001` }).first();
    await demo.getByTestId('open-draw-link').click();
    await page.waitForURL(/\/open\/draws\/[^/]+$/);
    await page.getByTestId('open-draw-commitment').waitFor();
    assert.match(await page.getByTestId('open-draw-commitment').innerText(), /[0-9a-f]{64}/);
    await rowsOf(page, 'open-draw-selections');
    await page.getByTestId('verify-run').click();
    await page.getByTestId('verify-ok').waitFor({ timeout: 60_000 });
    const verdict = await page.getByTestId('verify-ok').innerText();
    assert.match(verdict, /已验证 \d+ 个抽中对象/);
    assert.match(verdict, /检查人员库与回避关系/, 'what the public form leaves out is said in words');
    await shot(page, '61-open-draw-verified');
    await page.setViewportSize(PHONE);
    await shot(page, '62-open-draw-phone', { fullPage: false });
    await page.close();
  });

  test('the public reads the published plans and the demo plan’s page, and goes from it to its draw', { timeout: SCENARIO }, async () => {
    const page = await newPage();
    await page.goto(`${BASE}/open`);
    await page.evaluate(() => {
      localStorage.removeItem('suiji.refreshToken');
      sessionStorage.clear();
    });
    await page.goto(`${BASE}/open`);
    await page.getByTestId('open-plans-link').click();
    await page.waitForURL(/\/open\/plans$/);
    await rowsOf(page, 'open-plans-table');
    const demo = page.locator('[data-testid="open-plans-table"] tbody tr', { hasText: `PLAN-${YEAR}-0001` }).first();
    await demo.waitFor();
    await shot(page, '90-open-plans', { fullPage: false });
    await demo.getByTestId('open-plan-link').click();
    await page.waitForSelector('[data-testid="open-plan-page"][data-status="DRAWN"]');
    assert.match(await page.getByTestId('open-plan-commitment').innerText(), /[0-9a-f]{64}/);
    assert.match(await page.getByTestId('open-plan-freeze').innerText(), /[0-9a-f]{64}/);
    assert.match(await page.getByTestId('open-plan-departments').innerText(), /市场监管局/);
    const attempts = await rowsOf(page, 'open-plan-draws');
    assert.match(await attempts.first().innerText(), /成功/);
    const events = await page.getByTestId('open-plan-event').allInnerTexts();
    assert.ok(events.some((e) => /已公布/.test(e)) && events.some((e) => /已抽取/.test(e)), `public milestones: ${events}`);
    assert.ok(!events.some((e) => /草稿|已提交/.test(e)), `the public timeline starts at publication: ${events}`);
    assert.equal(await page.getByText('system', { exact: true }).count(), 0, 'no author or actor on the public page');
    await shot(page, '91-open-plan');
    await page.setViewportSize(PHONE);
    await shot(page, '92-open-plan-phone', { fullPage: false });
    await page.setViewportSize(DESKTOP);
    await attempts.first().getByTestId('draw-attempt-link').click();
    await page.getByTestId('open-draw-commitment').waitFor();
    assert.match(await page.getByTestId('evidence-form').innerText(), /公开版/);
    await page.close();
  });

  test('admin reads the demo plan: its history and its draw, and the draw’s tasks', { timeout: SCENARIO }, async () => {
    const page = await newPage();
    await signIn(page, 'admin');
    await page.getByTestId('nav-plans').click();
    await rowsOf(page, 'plans-table');
    await shot(page, '63-plans-list', { fullPage: false });
    const row = page.locator('[data-testid="plans-table"] tbody tr', { hasText: `PLAN-${YEAR}-0001` }).first();
    await row.getByTestId('plan-open').click();
    await page.getByTestId('plan-events').waitFor();
    assert.ok((await page.getByTestId('plan-event').count()) >= 4, 'submitted, approved, published, frozen, drawn');
    await rowsOf(page, 'plan-draws');
    assert.match(await page.getByTestId('plan-draws').innerText(), /成功/);
    await shot(page, '64-plan-detail');
    await page.getByTestId('draw-tasks-link').first().click();
    const tasks = await rowsOf(page, 'draw-tasks-table');
    assert.ok((await tasks.count()) >= 1);
    await shot(page, '65-draw-tasks', { fullPage: false });
    await page.close();
  });

  test('dept-admin makes a plan with the wizard, simulates it and submits it', { timeout: SCENARIO }, async () => {
    const page = await newPage();
    await signIn(page, 'dept-admin');
    await page.getByTestId('nav-plans').click();
    await page.getByTestId('plan-create').click();
    await page.getByTestId('plan-wizard').waitFor();
    await page.getByTestId('wizard-name').fill(`e2e 向导计划 ${Date.now()}`);
    const dates = page.locator('.ant-picker-range input');
    await dates.nth(0).click();
    await dates.nth(0).fill(`${YEAR}-12-10`);
    await dates.nth(0).press('Enter');
    await dates.nth(1).fill(`${YEAR + 1}-01-20`);
    await dates.nth(1).press('Enter');
    await page.keyboard.press('Escape');
    await shot(page, '70-wizard-basics', { fullPage: false });
    await page.getByTestId('wizard-next').click();
    // departments and items
    const dept = page.getByTestId('wizard-department').first();
    await dept.locator('.ant-select').first().click();
    await page.keyboard.type('SCJG');
    await page.keyboard.press('Enter');
    await dept.getByTestId('wizard-items').click();
    const options = page.locator('.ant-select-item-option', { hasText: /SCJG-\d{3}/ });
    await options.first().waitFor();
    await options.nth(0).click();
    await options.nth(1).click();
    await page.keyboard.press('Escape');
    await shot(page, '71-wizard-departments', { fullPage: false });
    await page.getByTestId('wizard-next').click(); // scope
    await page.getByTestId('wizard-next').click(); // strata
    await shot(page, '72-wizard-strata', { fullPage: false });
    await page.getByTestId('wizard-next').click(); // rules
    await page.getByTestId('wizard-next').click(); // save and simulate
    await page
      .getByTestId('wizard-staffing')
      .or(page.getByTestId('wizard-error'))
      .or(page.locator('[data-testid="wizard-simulation"] .ant-alert-error'))
      .first()
      .waitFor({ timeout: 30_000 })
      .catch(() => {});
    if (!(await page.getByTestId('wizard-staffing').isVisible())) {
      await shot(page, '73-wizard-error');
      assert.fail(`the wizard did not simulate: ${await page.locator('.ant-alert-error').first().innerText()}`);
    }
    await shot(page, '73-wizard-simulation');
    await page.getByTestId('wizard-submit').click();
    await page.waitForSelector('[data-testid="plan-detail-page"][data-status="SUBMITTED"]');
    wizardPlanId = decodeURIComponent(new URL(page.url()).pathname.split('/')[2]);
    await page.close();
  });

  test('a plan goes through review, publish, freeze and the draw ceremony', { timeout: SCENARIO }, async () => {
    let id = wizardPlanId;
    if (!id) {
      const demo = await gql(
        'dept-admin',
        `query($uid: String!) { planByUid(uid: $uid) { departments { department { id } perTeam items { id } }
          scope { kinds regionCodes industryCodes activeOnly } strata { label ratioBp count } windowStart windowEnd } }`,
        { uid: `PLAN-${YEAR}-0001` },
      );
      const p = demo.planByUid;
      const name = `e2e 联合抽查 ${Date.now()}`;
      const created = await gql(
        'dept-admin',
        'mutation($input: PlanInput!) { createPlan(input: $input) { id uid } }',
        {
          input: {
            kind: 'SPECIAL',
            name,
            year: YEAR,
            departments: p.departments.map((d) => ({ departmentId: d.department.id, perTeam: d.perTeam, itemIds: d.items.map((i) => i.id) })),
            scope: { kinds: p.scope.kinds, regionCodes: p.scope.regionCodes, industryCodes: p.scope.industryCodes, activeOnly: p.scope.activeOnly },
            strata: p.strata.map((s) => ({ label: s.label, ratioBp: s.ratioBp, count: s.count })),
            windowStart: p.windowStart,
            windowEnd: p.windowEnd,
          },
        },
      );
      id = created.createPlan.id;
      await gql('dept-admin', 'mutation($id: ID!) { submitPlan(id: $id) { id } }', { id });
    }
    const page = await newPage();

    await signIn(page, 'admin');
    await page.goto(`${BASE}/plans/${encodeURIComponent(id)}`);
    await page.getByTestId('plan-action-review').click();
    await page.getByTestId('review-approve').click();
    await page.getByTestId('plan-ask-input').fill('同意。');
    await page.getByTestId('plan-ask-ok').click();
    await page.waitForSelector('[data-testid="plan-detail-page"][data-status="APPROVED"]');
    await page.getByTestId('plan-action-publish').click();
    await shot(page, '66-plan-publish', { fullPage: false });
    await page.getByTestId('plan-ask-input').fill('e2e 测试：提示已知悉。');
    await page.getByTestId('plan-ask-ok').click();
    await page.waitForSelector('[data-testid="plan-detail-page"][data-status="PUBLISHED"]');
    await page.getByTestId('plan-commitment').waitFor();
    await page.getByTestId('plan-action-freeze').click();
    await page.getByTestId('plan-ask-input').fill(`体彩排列五 第${YEAR}330期 开奖号码（e2e）`);
    await page.getByTestId('plan-ask-ok').click();
    await page.waitForSelector('[data-testid="plan-detail-page"][data-status="FROZEN"]');
    // A screen in the room (or anyone at home) watches the plan's public page.
    const { plan: frozen } = await gql('admin', 'query($id: ID!) { plan(id: $id) { uid } }', { id });
    const watcher = await newPage();
    await watcher.goto(`${BASE}/open/plans/${encodeURIComponent(frozen.uid)}`);
    await watcher.getByTestId('open-plan-waiting').waitFor();
    await shot(watcher, '93-open-plan-frozen', { fullPage: false });
    await page.getByTestId('plan-action-draw').click();
    await page.waitForURL(/\/draw$/);
    await page.getByTestId('ceremony-commitment').waitFor();
    await page.getByTestId('ceremony-entropy').fill('3 1 4 1 5');
    await shot(page, '67-ceremony-before', { fullPage: false });
    await page.getByTestId('ceremony-draw').click();
    await page.getByTestId('ceremony-confirm').click();
    await page.getByTestId('ceremony-result').or(page.getByTestId('ceremony-failed')).waitFor({ timeout: 60_000 });
    await shot(page, '68-ceremony-result');
    assert.ok(await page.getByTestId('ceremony-result').isVisible(), 'the draw succeeded');
    await rowsOf(page, 'ceremony-tasks');
    // every stage reached
    const finished = await page.locator('[data-testid="ceremony-stages"] .ant-steps-item-finish').count();
    assert.equal(finished, 5, 'five finished stages');
    // The watcher saw the stages and now shows the result.
    await watcher.waitForSelector('[data-testid="open-plan-page"][data-status="DRAWN"]', { timeout: 30_000 });
    await watcher.getByTestId('open-plan-live-result').waitFor();
    assert.equal(await watcher.locator('[data-testid="open-plan-stages"] .ant-steps-item-finish').count(), 5, 'the public page shows five finished stages');
    await shot(watcher, '94-open-plan-drawn', { fullPage: false });
    await watcher.close();
    // Signed in as ADMIN, the public draw page gets the whole document and checks everything.
    await page.getByTestId('ceremony-public-link').click();
    await page.getByTestId('evidence-form').waitFor();
    assert.match(await page.getByTestId('evidence-form').innerText(), /完整证据/);
    await page.getByTestId('verify-run').click();
    await page.getByTestId('verify-ok').waitFor({ timeout: 60_000 });
    assert.equal(await page.getByTestId('verify-not-checked').count(), 0, 'the whole document leaves nothing unchecked');
    await shot(page, '95-open-draw-whole-verified', { fullPage: false });
    await page.close();
  });

  test('no console errors', (t) => {
    for (const w of new Set(warnings)) t.diagnostic(`console warning: ${w}`);
    assert.deepEqual(problems, []);
  });
});
