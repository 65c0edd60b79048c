// End-to-end test of the item lists, the two libraries (objects, inspectors),
// the bulk import and the public item list, against a running suiji server
// with demo data:
//
//   SUIJI_E2E_URL=http://127.0.0.1:18080 npm run e2e
//
// Same environment as foundation.test.mjs: SUIJI_E2E_URL (required),
// SUIJI_E2E_PASSWORD (default suiji-demo), SUIJI_E2E_SCREENSHOTS (default
// artifacts/screenshots), SUIJI_E2E_CHROMIUM (default /usr/bin/chromium).
// Every run makes new records (two imported objects, a new item version), so
// it can run again on the same data.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
let workDir;
const problems = [];
const warnings = [];

// ---------------------------------------------------------------------------
// 统一社会信用代码 (GB 32100-2015) arithmetic, to build valid codes for the
// import: characters 9–17 are a GB 11714 organisation code with its own
// check character, and character 18 checks the first 17.

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

function orgCheckChar(first8) {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = first8[i];
    const v = /[0-9]/.test(c) ? Number(c) : c.charCodeAt(0) - 55; // A = 10
    sum += v * weights[i];
  }
  const c9 = 11 - (sum % 11);
  return c9 === 10 ? 'X' : c9 === 11 ? '0' : String(c9);
}

function usccCheckChar(first17) {
  let sum = 0;
  let w = 1; // 3^(i-1) mod 31
  for (const c of first17) {
    sum += USCC_ALPHABET.indexOf(c) * w;
    w = (w * 3) % 31;
  }
  return USCC_ALPHABET[(31 - (sum % 31)) % 31];
}

/** A valid code 91410171MA + 6 random characters + both check characters. */
function randomUscc() {
  let six = '';
  for (let i = 0; i < 6; i++) six += USCC_ALPHABET[Math.floor(Math.random() * USCC_ALPHABET.length)];
  const org8 = `MA${six}`;
  const first17 = `91410171${org8}${orgCheckChar(org8)}`;
  return first17 + usccCheckChar(first17);
}

/** The same code with a wrong check character. */
function withWrongCheck(code) {
  const i = USCC_ALPHABET.indexOf(code[17]);
  return code.slice(0, 17) + USCC_ALPHABET[(i + 1) % USCC_ALPHABET.length];
}

// ---------------------------------------------------------------------------

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

/** Clicks an export entry and returns the download's file name. */
async function exportAs(page, testid, format) {
  await page.getByTestId(testid).click();
  const downloading = page.waitForEvent('download');
  await page.getByTestId(`${testid}-${format}`).click();
  const download = await downloading;
  const name = download.suggestedFilename();
  await download.cancel().catch(() => {});
  return name;
}

/** Waits for the import job view to reach SUCCEEDED or FAILED. */
async function waitForJob(page) {
  const job = page.getByTestId('import-job');
  await page.waitForFunction(
    () => {
      const el = document.querySelector('[data-testid="import-job"]');
      return el && /SUCCEEDED|FAILED/.test(el.getAttribute('data-status') ?? '');
    },
    null,
    { timeout: 60_000 },
  );
  return job.getAttribute('data-status');
}

async function statValue(page, key) {
  const text = await page.getByTestId(`import-stat-${key}`).locator('.ant-statistic-content-value').innerText();
  return Number(text.replace(/[^\d]/g, ''));
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
  profileDir = mkdtempSync(path.join(tmpdir(), 'suiji-e2e-lib-'));
  workDir = mkdtempSync(path.join(tmpdir(), 'suiji-e2e-files-'));
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
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('item lists and the two libraries', { concurrency: false }, () => {
  test('the public reads every department’s item list at /open/items without signing in', { timeout: SCENARIO }, async () => {
    const page = await newPage();
    await page.goto(`${BASE}/open`);
    await page.evaluate(() => {
      localStorage.removeItem('suiji.refreshToken');
      sessionStorage.clear();
    });
    await page.goto(`${BASE}/open`);
    await page.getByTestId('open-items-card').waitFor();
    await page.getByTestId('open-items-link').click();
    await page.waitForURL(/\/open\/items$/);
    const rows = await rowsOf(page, 'open-items-table');
    assert.ok((await rows.count()) >= 10, 'the public sees the items of every department');
    assert.match(await page.getByTestId('open-items-pager').innerText(), /共 \d+ 条/);
    await page.getByTestId('open-sign-in').waitFor();
    await shot(page, '30-open-items-desktop');

    // One department's list, from the /open page's link.
    await page.goto(`${BASE}/open`);
    await page.getByTestId('open-items-of-SCJG').click();
    await page.waitForURL(/\/open\/items\?department=/);
    const deptRows = await rowsOf(page, 'open-items-table');
    for (const text of await deptRows.allInnerTexts()) assert.match(text, /市场监管/, 'only 市场监管局 items');

    // An item's details.
    await page.getByTestId('item-open-SCJG-001').click();
    const drawer = page.getByTestId('item-detail');
    await drawer.getByText('抽查依据').waitFor();
    await drawer.getByText('抽查比例上限').waitFor();
    await shot(page, '31-open-item-detail', { fullPage: false });
    await drawer.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'hidden' });

    // The same export as signed in (exportItems is public).
    const name = await exportAs(page, 'open-items-export', 'csv');
    assert.match(name, /\.csv$/);

    await page.setViewportSize(PHONE);
    await page.goto(`${BASE}/open/items`);
    await rowsOf(page, 'open-items-table');
    await shot(page, '32-open-items-phone');
    await page.close();
  });

  test('admin: 抽查事项 with versions, 检查对象 search and history, 检查人员 conflicts', { timeout: SCENARIO }, async () => {
    const page = await newPage();
    await signIn(page, 'admin');
    for (const key of ['items', 'objects', 'inspectors', 'import']) await page.getByTestId(`nav-${key}`).waitFor();

    // 抽查事项: the list, an item's details, a new version.
    await page.getByTestId('nav-items').click();
    const items = await rowsOf(page, 'items-table');
    assert.ok((await items.count()) >= 10);
    const keyRow = page.locator('[data-testid="items-table"] tbody tr.ant-table-row', { hasText: '重点' }).first();
    assert.match(await keyRow.innerText(), /不设上限/, 'a KEY item shows no cap');
    const generalRow = page.locator('[data-testid="items-table"] tbody tr.ant-table-row', { hasText: 'SCJG-001' });
    assert.match(await generalRow.innerText(), /\d+(\.\d+)?%/, 'a GENERAL item shows its cap as a percentage');
    await shot(page, '33-items');

    await page.getByTestId('item-open-SCJG-001').click();
    const drawer = page.getByTestId('item-detail');
    await drawer.getByTestId('item-versions').waitFor();
    const versionsBefore = await drawer.getByTestId('item-versions').locator('.ant-timeline-item, .ant-steps-item').count();
    await drawer.getByTestId('item-detail-edit').click();
    await page.getByTestId('item-form-version-notice').waitFor();
    assert.match(await page.getByTestId('item-form-version-notice').innerText(), /保存后将生成新版本.*旧版本保留/);
    await shot(page, '34-item-form', { fullPage: false });
    const note = page.getByTestId('item-note');
    await note.fill(`端到端测试备注 ${Date.now()}`);
    await page.getByTestId('item-form-ok').click();
    await page.getByTestId('item-form-ok').waitFor({ state: 'hidden' });
    await page.waitForFunction((n) => {
      const el = document.querySelector('[data-testid="item-versions"]');
      return el && el.querySelectorAll('.ant-timeline-item, .ant-steps-item').length > n;
    }, versionsBefore);
    // The old version stays viewable.
    await drawer.getByTestId(`item-version-1`).click();
    await drawer.getByTestId('item-old-version').waitFor();
    await shot(page, '35-item-versions', { fullPage: false });
    await drawer.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'hidden' });

    // 检查对象: a two-character search, the total after the page, an object's history.
    await page.getByTestId('nav-objects').click();
    await rowsOf(page, 'objects-table');
    await page
      .getByTestId('objects-pager-total')
      .filter({ hasText: /共 \d+ 条/ })
      .waitFor();
    await shot(page, '36-objects');
    await page.getByTestId('objects-search').locator('input').fill('锦程');
    await page.getByTestId('objects-search').locator('input').press('Enter');
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('[data-testid="objects-table"] tbody tr.ant-table-row')];
      return rows.length > 0 && rows.every((r) => r.textContent.includes('锦程'));
    });
    const found = page.locator('[data-testid="objects-table"] tbody tr.ant-table-row');
    assert.ok((await found.count()) > 0, 'the search finds objects');
    await page
      .getByTestId('objects-pager-total')
      .filter({ hasText: /共 \d+ 条/ })
      .waitFor();
    await shot(page, '37-objects-search');

    await found.first().getByTestId('object-open').click();
    const objectDrawer = page.getByTestId('object-detail');
    await objectDrawer.getByTestId('object-fields').waitFor();
    await objectDrawer.getByTestId('object-risk-source').waitFor();
    await shot(page, '38-object-detail', { fullPage: false });
    await objectDrawer.getByTestId('object-history-tab').click();
    const v1 = objectDrawer.getByTestId('object-history-v1');
    await v1.waitFor();
    assert.match(await v1.innerText(), /名称/, 'the first version lists the fields it set');
    await shot(page, '39-object-history', { fullPage: false });
    await objectDrawer.locator('.ant-drawer-close').click();
    await objectDrawer.waitFor({ state: 'hidden' });

    const xlsx = await exportAs(page, 'objects-export', 'xlsx');
    assert.match(xlsx, /\.xlsx$/);

    // The filters behind 更多筛选, and the form.
    await page.getByTestId('objects-more-filters').click();
    await page.getByTestId('objects-advanced').waitFor();
    await page.getByTestId('objects-risks').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'D 高' }).click();
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('[data-testid="objects-table"] tbody tr.ant-table-row')];
      return rows.length > 0 && rows.every((r) => r.textContent.includes('D 高'));
    });
    await shot(page, '40-objects-filtered', { fullPage: false });
    await page.getByTestId('object-create').click();
    await page.getByTestId('object-uid').fill('91410171MA00AJEK6U'); // a wrong check character
    await page.getByTestId('object-name').fill('测试');
    await page.getByTestId('object-form-ok').click();
    await page.getByText('校验位不符，可能抄错了，请逐位核对').waitFor();
    await page.locator('.ant-modal-wrap:visible').evaluate((el) => el.scrollTo(0, 0));
    await shot(page, '40-object-form', { fullPage: false });
    await page.getByTestId('object-form-cancel').click();
    await page.getByTestId('object-form-ok').waitFor({ state: 'hidden' });

    // Phone.
    await page.setViewportSize(PHONE);
    await rowsOf(page, 'objects-table');
    await shot(page, '40-objects-phone');
    await page.locator('[data-testid="objects-table"] tbody tr.ant-table-row').first().getByTestId('object-open').click();
    await page.getByTestId('object-fields').waitFor();
    await shot(page, '40-object-detail-phone', { fullPage: false });
    await page.getByTestId('object-detail').locator('.ant-drawer-close').click();
    await page.getByTestId('object-detail').waitFor({ state: 'hidden' });
    await page.setViewportSize(DESKTOP);

    // 检查人员: a record's details, declare and withdraw a conflict.
    await page.getByTestId('nav-inspectors').click();
    const inspectors = await rowsOf(page, 'inspectors-table');
    await page
      .getByTestId('inspectors-pager-total')
      .filter({ hasText: /共 \d+ 条/ })
      .waitFor();
    await shot(page, '41-inspectors');
    await inspectors.first().getByTestId('inspector-open').click();
    const inspectorDrawer = page.getByTestId('inspector-detail');
    await inspectorDrawer.getByTestId('inspector-conflicts-tab').waitFor();
    await shot(page, '41-inspector-detail', { fullPage: false });
    await inspectorDrawer.getByTestId('inspector-conflicts-tab').click();
    await inspectorDrawer.getByTestId('conflict-declare').click();
    const objectSelect = page.getByTestId('conflict-object');
    await objectSelect.click();
    await page.keyboard.type('锦程');
    const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').first();
    await option.waitFor();
    const objectLabel = await option.innerText();
    const uid = /（([0-9A-Z]{18})）/.exec(objectLabel)?.[1];
    assert.ok(uid, `an object option with its credit code: ${objectLabel}`);
    await option.click();
    await page.getByTestId('conflict-reason').fill('端到端测试：亲属在该企业任职');
    await shot(page, '42-conflict-declare', { fullPage: false });
    await page.getByTestId('conflict-declare-ok').click();
    await inspectorDrawer.getByTestId(`conflict-withdraw-${uid}`).waitFor();
    await shot(page, '43-inspector-conflicts', { fullPage: false });
    await inspectorDrawer.getByTestId(`conflict-withdraw-${uid}`).click();
    await page.getByTestId('conflict-withdraw-ok').click();
    await page.getByText('请填写原因').waitFor(); // the reason is required
    await page.getByTestId('conflict-withdraw-reason').fill('端到端测试：登记有误');
    await page.getByTestId('conflict-withdraw-ok').click();
    await inspectorDrawer.getByTestId(`conflict-withdraw-${uid}`).waitFor({ state: 'detached' });
    await inspectorDrawer.locator('.ant-drawer-close').click();
    await inspectorDrawer.waitFor({ state: 'hidden' });

    // The form of a new inspector: an expert needs an organisation.
    await page.getByTestId('inspector-create').click();
    await page.getByTestId('inspector-uid').fill('E2E-EXPERT');
    await page.getByTestId('inspector-name').fill('端到端专家');
    await page.getByTestId('inspector-form').getByText('执法人员').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '外部专家' }).click();
    await page.getByTestId('inspector-form-ok').click();
    await page.getByText('外部专家须填写所在单位').waitFor();
    await shot(page, '43-inspector-form', { fullPage: false });
    await page.getByTestId('inspector-form-cancel').click();
    await page.getByTestId('inspector-form-ok').waitFor({ state: 'hidden' });
    await page.close();
  });

  test(
    'admin imports a CSV built here: a dry run reports the bad rows, then the real run writes the good ones',
    { timeout: SCENARIO },
    async () => {
      const page = await newPage();
      await signIn(page, 'admin');
      const good1 = randomUscc();
      const good2 = randomUscc();
      const badCheck = withWrongCheck(randomUscc());
      const stamp = String(Date.now()).slice(-6);
      const csv = [
        '统一社会信用代码,名称,信用风险分类',
        `${good1},端到端导入甲公司${stamp},A`,
        `${badCheck},端到端导入乙公司${stamp},B`, // row 3: wrong check character
        `${good2},端到端导入丙公司${stamp},C`,
        `${randomUscc()},端到端导入丁公司${stamp},E`, // row 5: no risk class E
      ].join('\n');
      const file = path.join(workDir, `e2e-objects-${stamp}.csv`);
      writeFileSync(file, `${csv}\n`);

      await page.getByTestId('nav-import').click();
      await page.getByTestId('import-page').waitFor();
      // Templates are plain links the server serves without sign-in.
      assert.equal(await page.getByTestId('import-template-csv').getAttribute('href'), '/import/template/objects.csv');
      const template = await fetch(`${BASE}/import/template/objects.csv`);
      assert.equal(template.status, 200);
      assert.match(await template.text(), /统一社会信用代码/);

      await page.getByTestId('import-page').locator('input[type=file]').setInputFiles(file);
      await page.getByText(path.basename(file)).waitFor();
      assert.ok(await page.getByRole('checkbox', { name: '试导入（只检查不写入）' }).isChecked(), 'a dry run by default');
      await shot(page, '44-import-form');
      await page.getByTestId('import-start').click();
      assert.equal(await waitForJob(page), 'SUCCEEDED');
      assert.equal(await statValue(page, 'totalRows'), 4);
      assert.equal(await statValue(page, 'created'), 2);
      assert.equal(await statValue(page, 'rejected'), 2);
      const errors = await rowsOf(page, 'import-errors-table');
      assert.equal(await errors.count(), 2, 'two row errors');
      const rowNumbers = (await errors.locator('td:first-child').allInnerTexts()).map((s) => Number(s.trim()));
      assert.deepEqual(rowNumbers, [3, 5], 'reported at spreadsheet rows 3 and 5');
      assert.match(await errors.nth(0).innerText(), /校验位/);
      assert.match(await errors.nth(1).innerText(), /E/);
      await shot(page, '45-import-dry-run');

      // Nothing was written by the dry run.
      // (The real run's "created 2" below would be "updated"/"unchanged" otherwise.)
      await page.getByTestId('import-run-for-real').click();
      await page.waitForFunction(
        () => {
          const el = document.querySelector('[data-testid="import-job"]');
          return el && !el.textContent.includes('试导入') && /SUCCEEDED|FAILED/.test(el.getAttribute('data-status') ?? '');
        },
        null,
        { timeout: 60_000 },
      );
      assert.equal(await page.getByTestId('import-job').getAttribute('data-status'), 'SUCCEEDED');
      assert.equal(await statValue(page, 'created'), 2);
      assert.equal(await statValue(page, 'rejected'), 2);
      await rowsOf(page, 'import-errors-table');
      await shot(page, '46-import-done');

      // Both runs are in the list of recent jobs, and re-open.
      const recent = page.locator('[data-testid="import-jobs-table"] tbody tr.ant-table-row', { hasText: path.basename(file) });
      await page.waitForFunction((n) => {
        const rows = [...document.querySelectorAll('[data-testid="import-jobs-table"] tbody tr.ant-table-row')];
        return rows.filter((r) => r.textContent.includes(n)).length >= 2;
      }, path.basename(file));
      assert.equal(await recent.count(), 2);
      await recent.nth(1).getByRole('button', { name: '查看' }).click();
      await page.waitForFunction(() => document.querySelector('[data-testid="import-job"]')?.textContent.includes('试导入'));

      await page.setViewportSize(PHONE);
      await page.getByTestId('import-job').waitFor();
      await shot(page, '47-import-phone');
      await page.setViewportSize(DESKTOP);

      // The imported objects are in the library, found by the start of their code.
      await page.getByTestId('nav-objects').click();
      await rowsOf(page, 'objects-table');
      await page.getByTestId('objects-search').locator('input').fill(good1);
      await page.getByTestId('objects-search').locator('input').press('Enter');
      await page.locator('[data-testid="objects-table"] tbody tr.ant-table-row', { hasText: `端到端导入甲公司${stamp}` }).waitFor();
      await page.close();
    },
  );

  test('an analyst reads the libraries without the import, and sees contacts masked', { timeout: SCENARIO }, async () => {
    const page = await newPage();
    await signIn(page, 'analyst');
    await page.getByTestId('nav-objects').waitFor();
    await page.getByTestId('nav-inspectors').waitFor();
    assert.equal(await page.getByTestId('nav-import').count(), 0, 'no 批量导入 for an analyst');
    await page.getByTestId('nav-objects').click();
    const rows = await rowsOf(page, 'objects-table');
    assert.equal(await page.getByTestId('object-create').count(), 0, 'an analyst creates nothing');
    await rows.first().getByTestId('object-open').click();
    const drawer = page.getByTestId('object-detail');
    await drawer.getByTestId('object-fields').waitFor();
    assert.match(await drawer.getByTestId('object-fields').innerText(), /\d{3}\*{4}\d{4}/, 'the phone comes masked');
    assert.equal(await drawer.getByTestId('object-detail-edit').count(), 0);
    await shot(page, '48-object-detail-analyst', { fullPage: false });
    // The history holds contacts too: not shown to an analyst.
    await drawer.getByTestId('object-history-tab').click();
    await drawer.getByTestId('object-history-v1').getByText('个人信息，不予显示').first().waitFor();
    await shot(page, '49-object-history-analyst', { fullPage: false });
    await drawer.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'hidden' });

    // English.
    await page.getByTestId('lang-switch').getByText('EN').click();
    await page.getByText('Object library').first().waitFor();
    await shot(page, '50-objects-english', { fullPage: false });
    await page.getByTestId('nav-inspectors').click();
    await rowsOf(page, 'inspectors-table');
    await page.getByText('Inspector library').first().waitFor();
    await shot(page, '51-inspectors-english', { fullPage: false });
    await page.getByTestId('lang-switch').getByText('中文').click();
    await page.getByText('执法检查人员名录库').first().waitFor();
    await page.goto(`${BASE}/import`);
    await page.getByTestId('forbidden').waitFor();
    await page.close();
  });

  test('a department administrator edits its own department’s items only', { timeout: SCENARIO }, async () => {
    const page = await newPage();
    await signIn(page, 'dept-admin');
    await page.getByTestId('nav-items').click();
    await rowsOf(page, 'items-table');
    const editable = await page.locator('[data-testid^="item-edit-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    assert.ok(editable.length > 0, 'some items are editable');
    assert.ok(
      editable.every((id) => id.startsWith('item-edit-SCJG-')),
      `only 市场监管局 (SCJG) items: ${editable.join(', ')}`,
    );
    await page.getByTestId('item-create').click();
    await page.getByTestId('item-form').waitFor();
    assert.match(await page.getByTestId('item-form').innerText(), /市场监管局/, 'the department is fixed to its own');
    await shot(page, '52-item-create-dept-admin', { fullPage: false });
    await page.getByTestId('item-form-cancel').click();
    await page.getByTestId('item-form-ok').waitFor({ state: 'hidden' });
    await page.close();
  });

  test('no console errors', (t) => {
    for (const w of new Set(warnings)) t.diagnostic(`console warning: ${w}`);
    assert.deepEqual(problems, []);
  });
});
