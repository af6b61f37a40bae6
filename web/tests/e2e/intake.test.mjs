import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  MOBILE,
  hasHorizontalScroll,
  newContext,
  screenshot,
  signInApi,
  skipReason,
  skipWithoutAuth,
  watchErrors,
  serverAndBrowserForSuite,
} from './server.mjs'

// Intake and docking (issue 4): an investor submits an intended project in one browser; the
// Huangdao district's staff see it arrive in their inbox without reloading, claim it and log a
// phone call; the investor's page follows without reloading. Also the public board, the
// notification bell and both page widths.

const WIDE = { width: 1280, height: 900 }
const HUANGDAO = '黄岛区（青岛西海岸新区）'
const INDUSTRY = '智能网联新能源汽车'

/** Status of `GET path` for a signed-in context (404 means the route is not there yet). */
async function routeStatus(context, url, path) {
  const res = await context.request.get(`${url}${path}`)
  return res.status()
}

/** POST with the context's session and CSRF token. */
async function apiPost(context, url, path, data) {
  const me = await (await context.request.get(`${url}/api/v1/auth/me`)).json()
  const res = await context.request.post(`${url}${path}`, { headers: { 'X-CSRF-Token': me.csrf_token }, data })
  if (!res.ok()) throw new Error(`POST ${path}: ${res.status()} ${await res.text()}`)
  return res.json()
}

/** Unit id by its code (GB/T 2260), from the unit tree. */
async function unitId(context, url, code) {
  const { tree } = await (await context.request.get(`${url}/api/v1/units`)).json()
  const flat = []
  const walk = (list) => list.forEach((u) => (flat.push(u), walk(u.children ?? [])))
  walk(tree)
  return flat.find((u) => u.code === code)?.id
}

function required(t, reason) {
  if (process.env.ZHAOYIN_E2E_REQUIRED === '1') throw new Error(reason)
  t.skip(reason)
}

/** Chooses an option of an Element Plus select (options live in a teleported popper). */
async function choose(page, testid, text, { type } = {}) {
  await page.getByTestId(testid).click()
  if (type) await page.keyboard.type(type)
  await page.locator('.el-select-dropdown__item:visible', { hasText: text }).first().click()
}

/** Marks the window; `assertNoReload` checks that the mark survived (no navigation, no reload). */
async function markWindow(page) {
  await page.evaluate(() => {
    window.__zyMark = 'still-here'
  })
}
async function assertNoReload(page, what) {
  assert.equal(await page.evaluate(() => window.__zyMark), 'still-here', `${what}: the page reloaded`)
}

describe('intake and docking', { skip: skipReason() }, () => {
  let server
  let browser

  serverAndBrowserForSuite((started, launched) => {
    server = started
    browser = launched
  })

  it('shows the accountability board on the portal home page, signed out', async (t) => {
    if (skipWithoutAuth(t, server)) return
    const status = await fetch(`${server.url}/api/v1/public/board`).then((r) => r.status)
    if (status === 404) return required(t, 'GET /api/v1/public/board is missing on the server')
    for (const [viewport, tag] of [
      [WIDE, 'desktop'],
      [MOBILE, 'mobile'],
    ]) {
      const context = await newContext(browser, { viewport })
      const page = await context.newPage()
      const errors = watchErrors(page)
      await page.goto(`${server.url}/`)
      await page.getByTestId('board').waitFor()
      await page.waitForFunction(() => !document.querySelector('[data-testid="board"] [data-testid="state-loading"]'))
      assert.equal(await page.getByTestId('board').locator('[data-testid="state-error"]').count(), 0)
      await page.getByTestId('intent-cta').waitFor()
      if (tag === 'mobile') assert.equal(await hasHorizontalScroll(page), false, 'home scrolls sideways')
      await screenshot(page, `portal-home-board-zh-${tag}`)
      assert.deepEqual(errors, [])
      await context.close()
    }
  })

  it('checks the intent form on the client and shows the server’s field messages', async (t) => {
    if (skipWithoutAuth(t, server)) return
    const context = await newContext(browser, { viewport: WIDE })
    await signInApi(context, server.url, 'investor')
    const page = await context.newPage()
    const errors = watchErrors(page, { allowStatus: [422] })
    await page.goto(`${server.url}/intents/new`)
    await page.getByTestId('intent-form').waitFor()
    await screenshot(page, 'portal-intent-form-zh-desktop')

    await page.getByTestId('intent-contact-phone').fill('12345')
    await page.getByTestId('intent-submit').click()
    await page.getByTestId('form-error').waitFor()
    await page.locator('.el-form-item__error').first().waitFor()
    const messages = await page.locator('.el-form-item__error').allInnerTexts()
    assert.ok(messages.includes('必填'), `required messages: ${messages.join(' | ')}`)
    assert.ok(messages.some((m) => m.includes('手机号')), 'phone message')
    await screenshot(page, 'portal-intent-form-errors-zh-desktop')
    assert.deepEqual(errors, [])
    await context.close()
  })

  it('investor submits; Huangdao staff see it live, claim it and log a call; the investor sees it live', async (t) => {
    if (skipWithoutAuth(t, server)) return
    const investorCtx = await newContext(browser, { viewport: WIDE })
    const staffCtx = await newContext(browser, { viewport: WIDE })
    await signInApi(investorCtx, server.url, 'investor')
    await signInApi(staffCtx, server.url, '370211.staff')

    const inboxStatus = await routeStatus(staffCtx, server.url, '/api/v1/inbox')
    const staff = await staffCtx.newPage()
    const staffErrors = watchErrors(staff)
    let inboxOpen = false
    if (inboxStatus !== 404) {
      await staff.goto(`${server.url}/console/inbox`)
      await staff.getByTestId('inbox-view').waitFor()
      await staff.waitForFunction(() => !document.querySelector('[data-testid="state-loading"]'))
      await markWindow(staff)
      inboxOpen = true
    }

    // The investor writes down the project.
    const investor = await investorCtx.newPage()
    const investorErrors = watchErrors(investor)
    await investor.goto(`${server.url}/intents/new`)
    await investor.getByTestId('intent-form').waitFor()
    await investor.getByTestId('intent-title').fill('新能源汽车电驱系统生产基地')
    await choose(investor, 'intent-industry', INDUSTRY, { type: '新能源' })
    await investor.getByTestId('intent-investment').fill('80000')
    await investor.getByTestId('investment-hint').waitFor()
    assert.match(await investor.getByTestId('investment-hint').innerText(), /8亿元/)
    await investor.getByTestId('intent-land').fill('150')
    await investor.getByTestId('intent-jobs').fill('600')
    await choose(investor, 'intent-areas', HUANGDAO, { type: '黄岛' })
    await investor.keyboard.press('Escape')
    await investor.getByTestId('intent-description').fill('年产 30 万套新能源汽车电驱系统，需标准厂房与配套用地。')
    await investor.getByTestId('intent-company').fill('青岛示例动力科技有限公司')
    await investor.getByTestId('intent-contact-name').fill('王经理')
    await investor.getByTestId('intent-contact-phone').fill('13800138000')
    await investor.getByTestId('intent-files').setInputFiles({
      name: '项目计划书.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n'),
    })
    await investor.getByTestId('intent-file-list').getByText('项目计划书.pdf').waitFor()
    await investor.getByTestId('intent-submit').click()

    const dialog = investor.getByTestId('routing-result')
    await dialog.getByTestId('routing-candidate').first().waitFor()
    // The attachment went up after the intent was made; a server without the upload route says so here.
    const uploadFailed = (await dialog.getByTestId('upload-failures').count()) > 0
    if (uploadFailed) t.diagnostic(`attachment upload failed: ${await dialog.getByTestId('upload-failures').innerText()}`)
    assert.match(await dialog.innerText(), /黄岛区/)
    await screenshot(investor, 'portal-intent-routed-zh-desktop', { fullPage: false })
    await dialog.getByTestId('routing-open').click()
    await investor.waitForURL(/\/intents\/\d+$/)
    const intentId = Number(new URL(investor.url()).pathname.split('/').pop())
    await investor.getByTestId('intent-status').waitFor()
    assert.equal(await investor.getByTestId('intent-status').getAttribute('data-status'), 'routed')
    if (!uploadFailed) await investor.getByTestId('intent-attachments').getByText('项目计划书.pdf').waitFor()
    await markWindow(investor)
    await screenshot(investor, 'portal-intent-zh-desktop')

    if (!inboxOpen) {
      await investorCtx.close()
      await staffCtx.close()
      return required(t, 'GET /api/v1/inbox is missing on the server; the staff half of the flow did not run')
    }

    // Staff: the item appears without reloading, highlighted.
    const row = staff.locator(`[data-testid="inbox-item"][data-intent-id="${intentId}"]`)
    await row.waitFor({ timeout: 15_000 })
    await assertNoReload(staff, 'inbox')
    await staff.locator('.inbox-row.is-fresh').first().waitFor()
    await screenshot(staff, 'console-inbox-live-zh-desktop')

    // Open, claim, log a phone call.
    await row.locator('a').first().click()
    await staff.waitForURL(new RegExp(`/console/intents/${intentId}$`))
    await staff.getByTestId('intent-actions').waitFor()
    await screenshot(staff, 'console-intent-zh-desktop')
    await staff.getByTestId('action-claim').click()
    await staff.waitForFunction(() => document.querySelector('[data-testid="intent-status"]')?.getAttribute('data-status') === 'claimed')

    // The investor's page follows (claimed), still without reloading.
    await investor.waitForFunction(() => document.querySelector('[data-testid="intent-status"]')?.getAttribute('data-status') === 'claimed', null, {
      timeout: 15_000,
    })
    await investor.getByTestId('handler-unit').waitFor()
    assert.match(await investor.getByTestId('handler-unit').innerText(), /黄岛区/)
    assert.ok((await investor.getByTestId('intent-handler').locator('a[href^="tel:"]').count()) > 0, 'click-to-call link')

    await staff.getByTestId('action-contact').click()
    const actionDialog = staff.getByTestId('action-dialog')
    await actionDialog.waitFor()
    await actionDialog.getByTestId('channel-phone').click()
    await actionDialog.getByTestId('action-summary').fill('电话联系王经理，了解用地与厂房需求，约定下周实地考察。')
    await screenshot(staff, 'console-intent-contact-zh-desktop', { fullPage: false })
    await actionDialog.getByTestId('action-submit').click()
    await staff.waitForFunction(() => document.querySelector('[data-testid="intent-status"]')?.getAttribute('data-status') === 'contacted')
    await staff.locator('[data-testid="intent-timeline"] [data-kind="contacted"]').first().waitFor()
    await screenshot(staff, 'console-intent-contacted-zh-desktop')

    await investor.waitForFunction(() => document.querySelector('[data-testid="intent-status"]')?.getAttribute('data-status') === 'contacted', null, {
      timeout: 15_000,
    })
    await assertNoReload(investor, 'intent page')
    await investor.locator('[data-testid="intent-timeline"] [data-kind="contacted"]').first().waitFor()
    await screenshot(investor, 'portal-intent-contacted-zh-desktop')

    // Staff wait on the investor: the clock pauses and the investor gets a reply box.
    const statusIs = (page, value) =>
      page.waitForFunction((v) => document.querySelector('[data-testid="intent-status"]')?.getAttribute('data-status') === v, value, { timeout: 15_000 })
    await staff.getByTestId('action-pause').click()
    await actionDialog.getByTestId('action-reason').fill('请提供拟用地的具体面积和环评要求')
    await actionDialog.getByTestId('action-submit').click()
    await staff.getByTestId('action-resume').waitFor()
    await investor.getByTestId('reply-box').waitFor({ timeout: 15_000 })
    await screenshot(investor, 'portal-intent-paused-zh-desktop')
    await investor.getByTestId('reply-text').fill('用地约 150 亩，环评报告下周提供。')
    await investor.getByTestId('reply-send').click()
    await investor.getByTestId('reply-box').waitFor({ state: 'detached', timeout: 15_000 })
    await staff.locator('[data-testid="intent-timeline"] [data-kind="replied"]').first().waitFor({ timeout: 15_000 })
    await staff.getByTestId('action-pause').waitFor()

    // Docked, then the project's stage: the investor's progress bar appears.
    await staff.getByTestId('action-dock').click()
    await actionDialog.getByTestId('action-summary').fill('双方确认选址意向，进入洽谈。')
    await actionDialog.getByTestId('action-submit').click()
    await statusIs(staff, 'docked')
    await staff.getByTestId('action-stage').click()
    await actionDialog.getByTestId('action-stage').click()
    await staff.locator('.el-select-dropdown__item:visible', { hasText: '签约' }).first().click()
    await actionDialog.getByTestId('action-submit').click()
    await staff.getByTestId('stage-progress').waitFor()
    await statusIs(investor, 'docked')
    await investor.locator('[data-testid="stage-progress"][data-stage="signed"]').waitFor({ timeout: 15_000 })
    await assertNoReload(investor, 'intent page')
    await screenshot(investor, 'portal-intent-stage-zh-desktop')
    await screenshot(staff, 'console-intent-docked-zh-desktop')

    // My intents lists it.
    await investor.goto(`${server.url}/intents`)
    await investor.getByTestId('my-intent').first().waitFor()
    await screenshot(investor, 'portal-my-intents-zh-desktop')

    // The notification bell of the staff member.
    if ((await routeStatus(staffCtx, server.url, '/api/v1/notifications')) !== 404) {
      assert.match(await staff.getByTestId('notify-count').innerText(), /\d/, 'unread count on the bell')
      await staff.getByTestId('notify-bell').click()
      await staff.getByTestId('notify-item').first().waitFor()
      await staff.waitForTimeout(400) // the popover's entry transition
      await screenshot(staff, 'console-notifications-zh-desktop', { fullPage: false })
      await staff.getByTestId('notify-read-all').click()
      await staff.waitForFunction(() => !document.querySelector('[data-testid="notify-count"] sup:not([style*="display: none"])'))
      await staff.keyboard.press('Escape')
    }

    // 375 px: the same pages, no sideways scrolling.
    for (const [ctx, path, name] of [
      [investorCtx, '/intents/new', 'portal-intent-form-zh-mobile'],
      [investorCtx, `/intents/${intentId}`, 'portal-intent-zh-mobile'],
      [investorCtx, '/intents', 'portal-my-intents-zh-mobile'],
      [staffCtx, '/console/inbox', 'console-inbox-zh-mobile'],
      [staffCtx, `/console/intents/${intentId}`, 'console-intent-zh-mobile'],
    ]) {
      const page = await ctx.newPage()
      await page.setViewportSize(MOBILE)
      await page.goto(`${server.url}${path}`)
      await page.waitForFunction(() => !document.querySelector('[data-testid="state-loading"]'))
      await page.locator('h1').first().waitFor()
      assert.equal(await hasHorizontalScroll(page), false, `${path} scrolls sideways at 375 px`)
      await screenshot(page, name)
      await page.close()
    }

    assert.deepEqual(investorErrors, [])
    assert.deepEqual(staffErrors, [])
    await investorCtx.close()
    await staffCtx.close()
  })

  it('asks before declining, then the unit steps back', async (t) => {
    if (skipWithoutAuth(t, server)) return
    const investorCtx = await newContext(browser, { viewport: WIDE })
    const staffCtx = await newContext(browser, { viewport: WIDE })
    await signInApi(investorCtx, server.url, 'investor')
    await signInApi(staffCtx, server.url, '370211.staff')
    const units = await (await investorCtx.request.get(`${server.url}/api/v1/units`)).json()
    const flat = []
    const walk = (list) => list.forEach((u) => (flat.push(u), walk(u.children ?? [])))
    walk(units.tree)
    const huangdao = flat.find((u) => u.code === '370211')
    const me = await (await investorCtx.request.get(`${server.url}/api/v1/auth/me`)).json()
    const made = await investorCtx.request.post(`${server.url}/api/v1/intents`, {
      headers: { 'X-CSRF-Token': me.csrf_token },
      data: {
        title: '海洋生物医药中试基地',
        company: '青岛示例生物科技有限公司',
        contact_name: '赵女士',
        contact_phone: '13900139000',
        industry: 'life_health',
        investment_total: '30000000',
        currency: 'CNY',
        capital_type: 'domestic',
        preferred_units: [huangdao.id],
        description: '中试车间与研发楼。',
      },
    })
    assert.equal(made.status(), 201, await made.text())
    const { intent } = await made.json()

    const staff = await staffCtx.newPage()
    const errors = watchErrors(staff)
    await staff.goto(`${server.url}/console/intents/${intent.id}`)
    await staff.getByTestId('action-decline').click()
    const dialog = staff.getByTestId('action-dialog')
    await dialog.getByTestId('action-submit').click()
    await dialog.locator('.el-form-item__error').first().waitFor()
    await dialog.getByTestId('action-reason').fill('本区暂无合适的中试用地')
    await dialog.getByTestId('action-submit').click()
    const confirm = staff.locator('.el-message-box')
    await confirm.waitFor()
    await screenshot(staff, 'console-intent-decline-confirm-zh-desktop', { fullPage: false })
    await confirm.getByRole('button', { name: '退回' }).click()
    await staff.locator('[data-testid="intent-timeline"] [data-kind="declined"]').first().waitFor({ timeout: 15_000 })
    assert.equal(await staff.getByTestId('action-decline').count(), 0, 'no decline after declining')
    await screenshot(staff, 'console-intent-declined-zh-desktop')
    assert.deepEqual(errors, [])
    await investorCtx.close()
    await staffCtx.close()
  })

  it('two districts claim the same intent; the bureau decides which one leads', async (t) => {
    if (skipWithoutAuth(t, server)) return
    const investorCtx = await newContext(browser, { viewport: WIDE })
    const huangdaoCtx = await newContext(browser, { viewport: WIDE })
    const jimoCtx = await newContext(browser, { viewport: WIDE })
    const bureauCtx = await newContext(browser, { viewport: WIDE })
    await signInApi(investorCtx, server.url, 'investor')
    await signInApi(huangdaoCtx, server.url, '370211.staff')
    await signInApi(jimoCtx, server.url, '370215.staff')
    await signInApi(bureauCtx, server.url, 'bureau')
    const areas = [await unitId(investorCtx, server.url, '370211'), await unitId(investorCtx, server.url, '370215')]
    const { intent } = await apiPost(investorCtx, server.url, '/api/v1/intents', {
      title: '智能网联汽车测试场',
      company: '青岛示例智行科技有限公司',
      contact_name: '孙先生',
      contact_phone: '13700137000',
      industry: 'nev',
      investment_total: '200000000',
      currency: 'CNY',
      capital_type: 'domestic',
      preferred_units: areas,
      description: '封闭测试场与配套研发中心。',
    })
    await apiPost(huangdaoCtx, server.url, `/api/v1/intents/${intent.id}/claim`, {})
    await apiPost(jimoCtx, server.url, `/api/v1/intents/${intent.id}/claim`, {})

    const page = await bureauCtx.newPage()
    const errors = watchErrors(page)
    await page.goto(`${server.url}/console/intents/${intent.id}`)
    await page.getByTestId('flag-disputed').waitFor()
    await page.getByTestId('action-decide').click()
    const dialog = page.getByTestId('action-dialog')
    await dialog.getByTestId('action-unit').click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: '即墨区' }).first().click()
    await screenshot(page, 'console-intent-decide-zh-desktop', { fullPage: false })
    await dialog.getByTestId('action-submit').click()
    await page.getByTestId('flag-disputed').waitFor({ state: 'detached', timeout: 15_000 })
    assert.match(await page.getByTestId('intent-handler').innerText(), /即墨区/)
    await page.locator('[data-testid="intent-timeline"] [data-kind="decided"]').first().waitFor()
    await screenshot(page, 'console-intent-decided-zh-desktop')
    assert.deepEqual(errors, [])
    for (const ctx of [investorCtx, huangdaoCtx, jimoCtx, bureauCtx]) await ctx.close()
  })

  it('shows the submitted intent on the public board', async (t) => {
    if (skipWithoutAuth(t, server)) return
    const status = await fetch(`${server.url}/api/v1/public/board`).then((r) => r.status)
    if (status === 404) return required(t, 'GET /api/v1/public/board is missing on the server')
    const context = await newContext(browser, { viewport: WIDE })
    const page = await context.newPage()
    const errors = watchErrors(page)
    await page.goto(`${server.url}/`)
    await page.getByTestId('board-received').waitFor()
    assert.match(await page.getByTestId('board-received').innerText(), /[1-9]/)
    await screenshot(page, 'portal-home-board-data-zh-desktop')
    await page.setViewportSize(MOBILE)
    assert.equal(await hasHorizontalScroll(page), false, 'board scrolls sideways at 375 px')
    await screenshot(page, 'portal-home-board-data-zh-mobile')
    assert.deepEqual(errors, [])
    await context.close()
  })

  it('shows the English inbox and intent pages', async (t) => {
    if (skipWithoutAuth(t, server)) return
    const context = await newContext(browser, { viewport: WIDE, locale: 'en' })
    await signInApi(context, server.url, 'investor')
    const page = await context.newPage()
    await page.goto(`${server.url}/intents/new`)
    await page.getByTestId('intent-form').waitFor()
    await screenshot(page, 'portal-intent-form-en-desktop')
    await page.goto(`${server.url}/intents`)
    await page.getByTestId('my-intent').first().waitFor()
    await page.getByTestId('my-intent').first().click()
    await page.waitForURL(/\/intents\/\d+$/)
    await page.getByTestId('intent-handler').waitFor()
    await screenshot(page, 'portal-intent-en-desktop')
    await page.setViewportSize(MOBILE)
    assert.equal(await hasHorizontalScroll(page), false, 'English intent page scrolls sideways')
    await screenshot(page, 'portal-intent-en-mobile')
    await context.close()

    const staffCtx = await newContext(browser, { viewport: WIDE, locale: 'en' })
    await signInApi(staffCtx, server.url, '370211.staff')
    const staff = await staffCtx.newPage()
    await staff.goto(`${server.url}/console/inbox`)
    await staff.getByTestId('inbox-all').click()
    await staff.getByTestId('inbox-item').first().waitFor()
    await screenshot(staff, 'console-inbox-en-desktop')
    await staff.getByTestId('inbox-item').first().locator('a').first().click()
    await staff.waitForURL(/\/console\/intents\/\d+$/)
    await staff.getByTestId('intent-title').waitFor()
    await screenshot(staff, 'console-intent-en-desktop')
    await staff.setViewportSize(MOBILE)
    assert.equal(await hasHorizontalScroll(staff), false, 'English console intent page scrolls sideways')
    await screenshot(staff, 'console-intent-en-mobile')
    await staff.goto(`${server.url}/console/inbox`)
    await staff.getByTestId('inbox-view').waitFor()
    assert.equal(await hasHorizontalScroll(staff), false, 'English inbox scrolls sideways')
    await screenshot(staff, 'console-inbox-en-mobile')
    await staffCtx.close()
  })
})
