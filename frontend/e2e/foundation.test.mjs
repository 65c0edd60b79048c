// End-to-end test of the SPA shell against a running suiji server with demo data.
//
//   SUIJI_E2E_URL=http://127.0.0.1:18080 npm run e2e
//
// Environment:
//   SUIJI_E2E_URL          base URL of the server (required)
//   SUIJI_E2E_PASSWORD     the demo users' password (default suiji-demo)
//   SUIJI_E2E_SCREENSHOTS  folder for screenshots (default artifacts/screenshots)
//   SUIJI_E2E_CHROMIUM     the browser (default /usr/bin/chromium)
//
// Uses Debian's Chromium through playwright-core; never downloads a browser.
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
const STEP = 20_000; // one UI step: generous, bounded
const SCENARIO = 180_000; // one whole scenario

let context;
let profileDir;
/** Console errors and uncaught page errors, per page. */
const problems = [];
/** Console warnings: reported, not failed on. */
const warnings = [];

async function newPage() {
  const page = await context.newPage();
  page.setDefaultTimeout(STEP);
  page.setDefaultNavigationTimeout(STEP);
  await page.setViewportSize(DESKTOP);
  page.on('console', (msg) => {
    // A 401 is how the server says a token is stale; the browser logs each one.
    if (msg.type() === 'error' && !/status of 401/.test(msg.text())) {
      problems.push(`${page.url()}: console error: ${msg.text()}`);
    }
    if (msg.type() === 'warning') warnings.push(`${page.url()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`${page.url()}: page error: ${err.message}`));
  return page;
}

async function shot(page, name, { fullPage = true } = {}) {
  // Let antd's motion finish so the picture shows the settled screen.
  await page.waitForTimeout(350);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage });
}

/** Forgets any session left in the browser profile by an earlier scenario. */
async function forgetSession(page) {
  await page.goto(`${BASE}/open`);
  await page.evaluate(() => {
    localStorage.removeItem('suiji.refreshToken');
    sessionStorage.clear();
  });
}

async function signIn(page, username) {
  await forgetSession(page);
  await page.goto(`${BASE}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('home-page').waitFor();
}

async function signOut(page) {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('logout').click();
  await page.waitForURL(/\/login$/);
  await page.getByTestId('login-username').waitFor();
}

before(async () => {
  if (!BASE) {
    throw new Error(
      'SUIJI_E2E_URL is not set: start a suiji server with demo data (suiji seed --demo; suiji serve) ' +
        'and run e.g. SUIJI_E2E_URL=http://127.0.0.1:18080 npm run e2e',
    );
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no browser at ${CHROMIUM}: apt-get install -y chromium (or set SUIJI_E2E_CHROMIUM)`);
  }
  const health = await fetch(`${BASE}/healthz`, { signal: AbortSignal.timeout(10_000) }).catch((e) => e);
  if (!(health instanceof Response) || !health.ok) {
    throw new Error(`the server at ${BASE} does not answer /healthz: ${health instanceof Response ? health.status : health}`);
  }
  mkdirSync(SHOTS, { recursive: true });
  profileDir = mkdtempSync(path.join(tmpdir(), 'suiji-e2e-'));
  context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: DESKTOP,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
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

describe('foundation', { concurrency: false }, () => {
  test('the public /open page lists departments without signing in', { timeout: SCENARIO }, async () => {
    const page = await newPage();
    await page.goto(`${BASE}/open`);
    const rows = page.locator('[data-testid="open-departments-table"] tbody tr.ant-table-row');
    await rows.first().waitFor();
    assert.ok((await rows.count()) > 0, 'the public sees departments');
    assert.match(page.url(), /\/open$/, 'no redirect to the sign-in page');
    await page.getByTestId('open-sign-in').waitFor();
    await shot(page, '01-open-desktop');
    await page.setViewportSize(PHONE);
    await shot(page, '01-open-phone');
    await page.close();
  });

  test('admin signs in, creates a department, finds it in the audit log, signs out', { timeout: SCENARIO }, async () => {
    const page = await newPage();
    const stamp = String(Date.now()).slice(-9);
    const code = `E2E${stamp}`;
    const name = `端到端测试局${stamp}`;

    // Signed-out visitors land on the sign-in page.
    await forgetSession(page);
    await page.goto(`${BASE}/`);
    await page.waitForURL(/\/login$/);
    await page.getByTestId('login-username').waitFor();
    await shot(page, '02-login-desktop');

    // A wrong password is refused with the server's message.
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill('not-the-password');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-error').waitFor();
    assert.match(await page.getByTestId('login-error').innerText(), /登录失败/);
    await shot(page, '03-login-error');

    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('home-page').waitFor();
    assert.match(await page.getByTestId('user-role').innerText(), /联席办管理员/);
    for (const key of ['home', 'departments', 'users', 'audit', 'graphiql']) {
      await page.getByTestId(`nav-${key}`).waitFor();
    }
    await shot(page, '04-home-admin');

    // 部门: create a department.
    await page.getByTestId('nav-departments').click();
    const table = page.getByTestId('departments-table');
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    await shot(page, '05-departments');
    await page.getByTestId('department-create').click();
    await page.getByTestId('department-code').fill(code);
    await page.getByTestId('department-name').fill(name);
    await page.getByTestId('department-short-name').fill(`测试${stamp.slice(-4)}`);
    await page.getByTestId('department-sort-order').fill('900');
    await shot(page, '06-department-form', { fullPage: false });
    await page.getByTestId('department-form-ok').click();
    const row = table.locator('tbody tr.ant-table-row', { hasText: code });
    await row.waitFor();
    assert.match(await row.innerText(), new RegExp(name));
    await page.getByTestId('department-form-ok').waitFor({ state: 'hidden' });
    await shot(page, '07-department-created');

    // The same code again is refused at the field.
    await page.getByTestId('department-create').click();
    await page.getByTestId('department-code').fill(code);
    await page.getByTestId('department-name').fill(`${name}重复`);
    await page.getByTestId('department-form-ok').click();
    await page.locator('.ant-form-item-explain-error', { hasText: code }).waitFor();
    await shot(page, '08-department-duplicate', { fullPage: false });
    await page.getByTestId('department-form-cancel').click();
    await page.getByTestId('department-form-ok').waitFor({ state: 'hidden' });

    // 审计日志: the department.create entry for it.
    await page.getByTestId('nav-audit').click();
    await page.getByTestId('audit-verification').getByTestId('audit-intact').waitFor();
    await page.getByTestId('audit-filter-action').fill('department.create');
    await page.getByTestId('audit-filter-submit').click();
    const entry = page.locator('[data-testid="audit-table"] tbody tr.ant-table-row', { hasText: code });
    await entry.waitFor();
    assert.match(await entry.innerText(), /department\.create/);
    await entry.locator('.ant-table-row-expand-icon').click();
    await page.locator('.audit-json', { hasText: code }).first().waitFor();
    await shot(page, '09-audit');

    // The other admin screens, for the record.
    await page.getByTestId('nav-users').click();
    await page.locator('[data-testid="users-table"] tbody tr.ant-table-row').first().waitFor();
    await shot(page, '10-users');
    await page.getByTestId('user-create').click();
    await page.getByTestId('user-form').waitFor();
    await shot(page, '11-user-form', { fullPage: false });
    await page.getByTestId('user-form-cancel').click();
    await page.getByTestId('user-form-ok').waitFor({ state: 'hidden' });

    await page.getByTestId('nav-graphiql').click();
    await page.locator('.graphiql-container').waitFor({ timeout: 45_000 });
    await page.locator('.graphiql-query-editor', { hasText: 'Console_Me' }).waitFor({ timeout: 45_000 });
    const result = page.locator('.result-window', { hasText: '"username": "admin"' });
    for (let attempt = 0; attempt < 3 && !(await result.isVisible()); attempt += 1) {
      // The editor may still be starting its workers: run again until it answers.
      await page.locator('.graphiql-execute-button').click();
      await result.waitFor({ timeout: 10_000 }).catch(() => {});
    }
    await result.waitFor({ timeout: 5_000 });
    await shot(page, '12-graphiql', { fullPage: false });

    // English.
    await page.getByTestId('nav-home').click();
    await page.getByTestId('lang-switch').getByText('EN').click();
    await page.getByText('Welcome,').waitFor();
    await shot(page, '13-home-english');
    await page.getByTestId('lang-switch').getByText('中文').click();
    await page.getByText('您好').waitFor();

    // Phone: the menu is a drawer.
    await page.setViewportSize(PHONE);
    await page.getByTestId('nav-drawer-toggle').waitFor();
    assert.equal(await page.getByTestId('sider').count(), 0, 'no fixed side menu on a phone');
    await shot(page, '14-home-phone');
    await page.getByTestId('nav-drawer-toggle').click();
    await page.locator('.ant-drawer-open').getByTestId('nav-departments').waitFor();
    await shot(page, '15-menu-drawer-phone', { fullPage: false });
    await page.getByTestId('nav-departments').click();
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    await shot(page, '16-departments-phone');
    await page.setViewportSize(DESKTOP);

    await signOut(page);
    await shot(page, '17-signed-out');
    await page.close();
  });

  test('an analyst does not see the 用户 menu', { timeout: SCENARIO }, async () => {
    const page = await newPage();
    await signIn(page, 'analyst');
    await page.getByTestId('nav-departments').waitFor();
    await page.getByTestId('nav-graphiql').waitFor();
    assert.equal(await page.getByTestId('nav-users').count(), 0, 'no 用户 for an analyst');
    assert.equal(await page.getByTestId('nav-audit').count(), 0, 'no 审计日志 for an analyst');
    await shot(page, '18-home-analyst');
    await page.goto(`${BASE}/users`);
    await page.getByTestId('forbidden').waitFor();
    await shot(page, '19-users-forbidden-analyst');
    await signOut(page);
    await page.close();
  });

  test('a stale access token is refreshed once; a revoked session returns to the sign-in page', { timeout: SCENARIO }, async () => {
    const page = await newPage();
    await signIn(page, 'dept-admin');
    const firstRefresh = await page.evaluate(() => localStorage.getItem('suiji.refreshToken'));
    let refreshes = 0;
    page.on('request', (req) => {
      if (req.url().endsWith('/graphql') && /TokenStore_Refresh/.test(req.postData() ?? '')) refreshes += 1;
    });

    // The server no longer accepts the access token: the app refreshes and retries.
    await page.evaluate(() => sessionStorage.setItem('suiji.accessToken', 'stale'));
    await page.reload();
    await page.getByTestId('home-page').waitFor();
    assert.match(await page.getByTestId('home-department').innerText(), /市场监管局/);
    assert.equal(refreshes, 1, 'one refresh');
    const secondRefresh = await page.evaluate(() => localStorage.getItem('suiji.refreshToken'));
    assert.ok(secondRefresh && secondRefresh !== firstRefresh, 'the refresh token was rotated');

    // Neither token is good any more: back to the sign-in page, with a message.
    await page.evaluate(() => {
      sessionStorage.setItem('suiji.accessToken', 'stale');
      localStorage.setItem('suiji.refreshToken', 'revoked');
    });
    await page.reload();
    await page.waitForURL(/\/login$/);
    await page.getByTestId('login-expired').waitFor();
    assert.equal(await page.evaluate(() => localStorage.getItem('suiji.refreshToken')), null, 'tokens cleared');
    await shot(page, '20-session-expired');
    await page.close();
  });

  test('no console errors', (t) => {
    for (const w of new Set(warnings)) t.diagnostic(`console warning: ${w}`);
    assert.deepEqual(problems, []);
  });
});
