// End-to-end test of a draw that cannot staff a team, against a running
// suiji server with demo data:
//
//   SUIJI_E2E_URL=http://127.0.0.1:18080 node --test frontend/e2e/faileddraw.test.mjs
//
// Same environment as plans.test.mjs. Through the API, a new department with
// one item and exactly two law-enforcement inspectors (two per team) gets a
// plan over three new objects of its own tag, and one of the two inspectors
// declares a conflict with every one of them: the freeze passes (the pool is
// as large as a team, spec §8) but the first team of the draw cannot be
// staffed (§6). In the browser the ceremony shows the failure, the plan is
// back in PUBLISHED with a new commitment and the failed attempt listed, and
// the public (signed out) finds the failed attempt of the plan at
// /open/draws and on the plan's public page. Every run makes its own
// department, objects and plan, so it can run again on the same server.
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

/** A GraphQL request through the API, signed in as username (anonymous when null). */
async function gql(username, query, variables = {}) {
  const headers = { 'content-type': 'application/json' };
  if (username) {
    const login = await fetch(`${BASE}/graphql`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        query: 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken } }',
        variables: { u: username, p: PASSWORD },
      }),
    }).then((r) => r.json());
    if (login.errors) throw new Error(`sign-in as ${username}: ${JSON.stringify(login.errors)}`);
    headers.authorization = `Bearer ${login.data.login.accessToken}`;
  }
  const res = await fetch(`${BASE}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) }).then((r) => r.json());
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data;
}

// GB 32100 unified social credit codes, as uscc.Make builds them: 9 (市场监管),
// 1 (企业), a division, an organisation code with its GB 11714 check
// character, and the check character over the first 17.
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function orgCheck(first8) {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += parseInt(first8[i], 36) * weights[i];
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}
function uscc(division, org8) {
  const first17 = `91${division}${org8}${orgCheck(org8)}`;
  let sum = 0;
  let w = 1;
  for (const ch of first17) {
    sum += ALPHABET.indexOf(ch) * w;
    w = (w * 3) % 31;
  }
  return first17 + ALPHABET[(31 - (sum % 31)) % 31];
}

/** A calendar day in China Standard Time, days from today. */
function chinaDay(days) {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

// Unique per run: codes, names and object uids.
const RUN = Date.now().toString(36).toUpperCase();
const DEPT_CODE = `FD${RUN}`;
const DEPT_NAME = `e2e 回避测试局 ${RUN}`;
const PLAN_NAME = `e2e 抽取失败 ${RUN}`;
const ENTROPY = '2 7 1 8 2';

/** What the setup made: ids and uids. */
const made = {};

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

async function signOut(page) {
  await page.goto(`${BASE}/open`);
  await page.evaluate(() => {
    localStorage.removeItem('suiji.refreshToken');
    sessionStorage.clear();
  });
}

async function signIn(page, username) {
  await signOut(page);
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

/** The failure as the pages say it: rank, object and department (by name). */
function failurePattern() {
  const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`第\\s*1\\s*位对象\\s*(${made.objectUids.map(esc).join('|')})[\\s\\S]*${esc(DEPT_NAME)}[\\s\\S]*没有可派的检查人员`);
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
  profileDir = mkdtempSync(path.join(tmpdir(), 'suiji-e2e-faileddraw-'));
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

describe('a draw that cannot staff a team', { concurrency: false }, () => {
  test('setup through the API: a department, its item and two inspectors, three objects, conflicts and a frozen plan', { timeout: SCENARIO }, async () => {
    const { createTag } = await gql('admin', 'mutation($input: TagInput!) { createTag(input: $input) { id } }', {
      input: { scope: 'OBJECT', code: `e2e-fd-${RUN}`, name: `e2e 抽取失败对象 ${RUN}`, description: 'e2e：抽取失败测试的对象' },
    });
    const { createDepartment: dept } = await gql('admin', 'mutation($input: CreateDepartmentInput!) { createDepartment(input: $input) { id code } }', {
      input: { code: DEPT_CODE, name: DEPT_NAME, shortName: `回避${RUN}`, description: 'e2e：抽取失败测试' },
    });
    const { createItem: item } = await gql('admin', 'mutation($input: ItemInput!) { createItem(input: $input) { id } }', {
      input: {
        departmentId: dept.id,
        code: 'FD-001',
        name: '经营场所与登记事项一致性检查',
        basis: '《中华人民共和国市场主体登记管理条例》',
        basisRefs: [{ law: '中华人民共和国市场主体登记管理条例', article: '第三十五条' }],
        subject: DEPT_NAME,
        objectKinds: ['ENTERPRISE'],
        content: '核查实际经营场所与登记的住所是否一致',
        method: 'ONSITE',
        category: 'KEY',
      },
    });
    const inspectors = [];
    for (const [i, name] of ['张回避', '李检查'].entries()) {
      const { createInspector } = await gql('admin', 'mutation($input: InspectorInput!) { createInspector(input: $input) { id uid } }', {
        input: {
          uid: `${DEPT_CODE}-${i + 1}`,
          name,
          departmentId: dept.id,
          kind: 'LAW_ENFORCEMENT',
          certificateNumber: `33${RUN}${i + 1}`,
          certificateExpiresOn: `${new Date().getFullYear() + 3}-12-31`,
          regionCode: '330106',
          phone: `1375710${String(1000 + i)}`,
        },
      });
      inspectors.push(createInspector);
    }
    const objects = [];
    const org = Date.now().toString().slice(-7);
    for (const [i, name] of ['杭州西溪回避测试贸易有限公司', '杭州翠苑回避测试餐饮有限公司', '杭州文新回避测试科技有限公司'].entries()) {
      const { createObject } = await gql('admin', 'mutation($input: ObjectInput!) { createObject(input: $input) { id uid } }', {
        input: {
          uid: uscc('330106', `${org}${i}`),
          kind: 'ENTERPRISE',
          name: `${name}（${RUN}）`,
          legalRepresentative: '王某',
          address: '浙江省杭州市西湖区文三路 1 号',
          regionCode: '330106',
          industryCode: 'F52',
          registrationStatus: '存续',
          riskClass: 'A',
          tagIds: [createTag.id],
          supervisingDepartmentIds: [dept.id],
          // complete like the demo's (other e2e files open the newest object and expect a masked phone)
          contactName: '王经理',
          contactPhone: `1390571${String(1000 + i)}`,
        },
      });
      objects.push(createObject);
    }
    // the first inspector may meet none of them: no team of two for any object
    for (const o of objects) {
      await gql('admin', 'mutation($i: ID!, $o: ID!, $r: String!) { declareConflict(inspectorId: $i, objectId: $o, reason: $r) { id } }', {
        i: inspectors[0].id,
        o: o.id,
        r: '近亲属在该企业任职',
      });
    }
    const windowStart = chinaDay(10);
    const { createPlan: plan } = await gql('admin', 'mutation($input: PlanInput!) { createPlan(input: $input) { id uid } }', {
      input: {
        kind: 'SPECIAL',
        name: PLAN_NAME,
        year: Number(windowStart.slice(0, 4)),
        initiatorId: dept.id,
        departments: [{ departmentId: dept.id, perTeam: 2, itemIds: [item.id] }],
        scope: { kinds: ['ENTERPRISE'], tagIds: [createTag.id], activeOnly: true },
        strata: [{ label: 'A', count: 3 }],
        windowStart,
        windowEnd: chinaDay(40),
        notes: 'e2e：一名检查人员与全部对象回避，抽取无法组成检查组',
      },
    });
    const sim = await gql('admin', 'query($id: ID!) { simulatePlan(id: $id) { populationSize sampleSize staffing departments { poolSize maxConflicts staffing } } }', {
      id: plan.id,
    });
    assert.equal(sim.simulatePlan.populationSize, 3, 'the plan draws from the three new objects only');
    assert.deepEqual(
      sim.simulatePlan.departments.map((d) => [d.poolSize, d.maxConflicts]),
      [[2, 1]],
      'a pool of two, one of whom conflicts with each object',
    );
    assert.equal(sim.simulatePlan.staffing, 'AT_RISK', 'the simulation sees the risk');
    await gql('admin', 'mutation($id: ID!) { submitPlan(id: $id) { id } }', { id: plan.id });
    await gql('admin', 'mutation($id: ID!) { reviewPlan(id: $id, approve: true, comment: "同意（e2e）") { id } }', { id: plan.id });
    const published = await gql('admin', 'mutation($id: ID!) { publishPlan(id: $id, overrideReason: "e2e 测试") { commitment } }', { id: plan.id });
    const frozen = await gql('admin', 'mutation($id: ID!, $s: String!) { freezePlan(id: $id, entropySource: $s) { status commitment freezeDigest populationSize } }', {
      id: plan.id,
      s: `体彩排列五 第${RUN}期 开奖号码（e2e）`,
    });
    assert.equal(frozen.freezePlan.status, 'FROZEN', 'the freeze passes: the pool is as large as a team');
    assert.equal(frozen.freezePlan.populationSize, 3);
    assert.equal(frozen.freezePlan.commitment, published.publishPlan.commitment);
    Object.assign(made, {
      deptId: dept.id,
      planId: plan.id,
      planUid: plan.uid,
      objectUids: objects.map((o) => o.uid),
      inspectorUids: inspectors.map((n) => n.uid),
      commitment: frozen.freezePlan.commitment,
      freezeDigest: frozen.freezePlan.freezeDigest,
    });
  });

  test('the ceremony draws with the entropy and shows the failure: rank, object and department', { timeout: SCENARIO }, async () => {
    assert.ok(made.planId, 'the setup made a plan');
    const page = await newPage();
    await signIn(page, 'admin');
    await page.goto(`${BASE}/plans/${encodeURIComponent(made.planId)}`);
    await page.waitForSelector('[data-testid="plan-detail-page"][data-status="FROZEN"]');
    await page.getByTestId('plan-action-draw').click();
    await page.waitForURL(/\/draw$/);
    await page.getByTestId('ceremony-commitment').waitFor();
    assert.equal((await page.getByTestId('ceremony-commitment').innerText()).trim(), made.commitment);
    await page.getByTestId('ceremony-entropy').fill(ENTROPY);
    await page.getByTestId('ceremony-draw').click();
    await page.getByTestId('ceremony-confirm').click();
    await page.getByTestId('ceremony-result').or(page.getByTestId('ceremony-failed')).waitFor({ timeout: 60_000 });
    assert.ok(await page.getByTestId('ceremony-failed').isVisible(), 'the draw failed');
    assert.equal(await page.getByTestId('ceremony-result').count(), 0, 'no result, no tasks');
    const failed = await page.getByTestId('ceremony-failed').innerText();
    assert.match(failed, failurePattern(), `the failure names rank 1, one of the objects and the department by name: ${failed}`);
    assert.match(failed, /新的承诺值/, 'says the plan has a new commitment');
    assert.match(failed, /重新冻结/, 'and must be frozen again');
    // it stopped at the teams, after the objects were selected; the plan is back in PUBLISHED
    const stopped = page.locator('[data-testid="ceremony-stages"] .ant-steps-item-error');
    await stopped.first().waitFor();
    assert.equal(await stopped.count(), 1);
    assert.match(await stopped.innerText(), /匹配检查组/, 'the failed stage is the matching of the teams');
    assert.equal(await page.locator('[data-testid="ceremony-stages"] .ant-steps-item-finish').count(), 3, 'inputs, seed and objects done');
    await page.waitForSelector('[data-testid="draw-ceremony"][data-status="PUBLISHED"]');
    assert.equal((await page.getByTestId('ceremony-commitment').innerText()).trim(), made.commitment, 'the ceremony keeps showing the commitment of this attempt');
    assert.ok(await page.getByTestId('ceremony-failed-public-link').isVisible(), 'a link to the public page of the attempt');
    made.failedUid = failed.match(new RegExp(made.objectUids.join('|')))[0];
    await shot(page, '80-ceremony-failed');
    await page.close();
  });

  test('the plan is PUBLISHED again with a new commitment and lists the failed attempt', { timeout: SCENARIO }, async () => {
    assert.ok(made.failedUid, 'the draw failed');
    const page = await newPage();
    await signIn(page, 'admin');
    await page.goto(`${BASE}/plans/${encodeURIComponent(made.planId)}`);
    await page.waitForSelector('[data-testid="plan-detail-page"][data-status="PUBLISHED"]');
    const commitment = (await page.getByTestId('plan-commitment').innerText()).trim();
    assert.match(commitment, /^[0-9a-f]{64}$/);
    assert.notEqual(commitment, made.commitment, 'a new commitment C');
    made.newCommitment = commitment;
    const rows = await rowsOf(page, 'plan-draws');
    assert.equal(await rows.count(), 1, 'one attempt');
    const row = await rows.first().innerText();
    assert.match(row, /失败/);
    assert.match(row, new RegExp(ENTROPY));
    assert.match(await page.getByTestId('draw-failure').innerText(), failurePattern());
    const card = page.locator('.ant-card', { has: page.getByTestId('plan-draws') });
    assert.match(await card.innerText(), /需重新冻结/, 'the card of the attempts says the plan must be frozen again');
    // the way on: freeze again (a new freeze digest for the new commitment)
    assert.ok(await page.getByTestId('plan-action-freeze').isVisible(), 'the plan may be frozen again');
    const events = await page.getByTestId('plan-event').allInnerTexts();
    assert.ok(events.some((e) => /抽取失败/.test(e) && e.includes(made.failedUid)), 'the history records the failed attempt');
    await shot(page, '81-plan-failed-attempt');
    // the attempt's public page, from the plan
    await page.getByTestId('draw-attempt-link').click();
    await page.waitForURL(/\/open\/draws\/[^/?]+\?plan=/);
    assert.match(await page.getByTestId('open-draw-failed').innerText(), failurePattern());
    await page.close();
  });

  test('the public finds the failed attempt of the plan at /open/draws and on the plan’s public page', { timeout: SCENARIO }, async () => {
    assert.ok(made.failedUid, 'the draw failed');
    const page = await newPage();
    await signOut(page);
    await page.goto(`${BASE}/open/draws`);
    await rowsOf(page, 'open-draws-table');
    const row = page.locator('[data-testid="open-draws-table"] tbody tr', { hasText: made.planUid });
    await row.first().waitFor();
    assert.equal(await row.count(), 1, 'the failed attempt is listed once');
    assert.match(await row.innerText(), new RegExp(PLAN_NAME));
    assert.match(await row.innerText(), /失败/);
    await shot(page, '82-open-draws-failed', { fullPage: false });
    await row.getByTestId('open-draw-link').click();
    await page.waitForURL(/\/open\/draws\/[^/?]+/);
    await page.getByTestId('open-draw-failed').waitFor();
    const failed = await page.getByTestId('open-draw-failed').innerText();
    assert.match(failed, failurePattern(), `the public page names rank, object and department: ${failed}`);
    assert.equal((await page.getByTestId('open-draw-commitment').innerText()).trim(), made.commitment, 'the commitment of the failed attempt');
    const inputs = await page.getByTestId('open-draw-inputs').innerText();
    assert.ok(inputs.includes(made.freezeDigest), 'the freeze digest of the failed attempt');
    assert.ok(inputs.includes(ENTROPY), 'the entropy');
    assert.match(inputs, /[0-9a-f]{64}/, 'the revealed R');
    assert.equal(await page.getByTestId('verify-run').count(), 0, 'nothing to verify: no selections were stored');
    // the plan's attempts, the failed one among them
    const attempts = await rowsOf(page, 'open-plan-draws');
    assert.equal(await attempts.count(), 1);
    assert.match(await attempts.first().innerText(), /失败/);
    assert.match(await page.getByTestId('open-plan-draws').innerText(), failurePattern());
    // pools and conflicts stay private
    const body = await page.locator('body').innerText();
    for (const uid of made.inspectorUids) assert.ok(!body.includes(uid), `inspector ${uid} is not shown to the public`);
    await shot(page, '83-open-draw-failed');
    await page.setViewportSize(PHONE);
    await shot(page, '84-open-draw-failed-phone', { fullPage: false });
    await page.close();
  });

  test('no console errors', (t) => {
    for (const w of new Set(warnings)) t.diagnostic(`console warning: ${w}`);
    assert.deepEqual(problems, []);
  });
});
