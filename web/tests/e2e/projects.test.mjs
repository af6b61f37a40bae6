import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { MOBILE, hasHorizontalScroll, navTexts, newContext, openSignedIn, screenshot, signInApi, skipReason, serverAndBrowserForSuite, watchErrors } from './server.mjs'

// Key-project dispatch (issue 5): the bureau registers a project for Chengyang (server field
// errors shown under the fields first), Chengyang's staff record a dispatch update with a new
// stage, and the project page and the list show it; filters, CSV export, the edit dialog, both
// languages and a phone screen. An investor sees the project registered from their intent with
// its progress bar on the portal.

const WIDE = { width: 1280, height: 900 }
const CHENGYANG = '城阳区'
const NAME = '氢能重卡整车项目'

/** POST with the context's session and CSRF token. */
async function apiPost(context, url, path, data) {
  const me = await (await context.request.get(`${url}/api/v1/auth/me`)).json()
  const res = await context.request.post(`${url}${path}`, { headers: { 'X-CSRF-Token': me.csrf_token }, data })
  if (!res.ok()) throw new Error(`POST ${path}: ${res.status()} ${await res.text()}`)
  return res.json()
}

async function apiGet(context, url, path) {
  const res = await context.request.get(`${url}${path}`)
  if (!res.ok()) throw new Error(`GET ${path}: ${res.status()} ${await res.text()}`)
  return res.json()
}

/** Unit id by its code (GB/T 2260), from the unit tree. */
async function unitId(context, url, code) {
  const { tree } = await apiGet(context, url, '/api/v1/units')
  const flat = []
  const walk = (list) => list.forEach((u) => (flat.push(u), walk(u.children ?? [])))
  walk(tree)
  return flat.find((u) => u.code === code)?.id
}

/** Chooses an option of an Element Plus select (options live in a teleported popper). */
async function choose(page, testid, text, { type } = {}) {
  await page.getByTestId(testid).click()
  if (type) await page.keyboard.type(type)
  await page.locator('.el-select-dropdown__item:visible', { hasText: text }).first().click()
}

/** The text inputs of an Element Plus date picker (wrapped in an element with the test id). */
function dateInputs(page, testid) {
  return page.getByTestId(testid).locator('input')
}

describe('key projects', { skip: skipReason() }, () => {
  let server
  let browser
  let projectId

  serverAndBrowserForSuite((started, launched) => {
    server = started
    browser = launched
  })

  it('the bureau registers a project; server field errors show under the fields', async () => {
    const { context, page, errors } = await openSignedIn(browser, server.url, 'bureau', { viewport: WIDE })
    await page.goto(`${server.url}/console/projects`)
    await page.getByTestId('project-filters').waitFor()
    assert.ok((await navTexts(page)).includes('重点项目'), 'the nav lists the key projects')
    await page.getByTestId('project-register').click()
    const dialog = page.getByTestId('project-dialog')
    await dialog.waitFor()

    // Client checks first: nothing is sent.
    await page.getByTestId('project-save').click()
    await page.getByTestId('form-error').waitFor()
    await dialog.locator('.el-form-item__error', { hasText: '必填' }).first().waitFor()
    await screenshot(page, 'projects-register-client-zh')

    await page.getByTestId('project-name').fill(NAME)
    await page.getByTestId('project-company').fill('青岛示例氢能汽车有限公司')
    await page.getByTestId('project-code-name').fill('H-7')
    await choose(page, 'project-industry', '新能源', { type: '新能源' })
    await page.getByTestId('project-investment').fill('60000')
    assert.match(await page.getByTestId('project-investment-hint').innerText(), /6亿元/)
    await choose(page, 'project-unit', CHENGYANG, { type: CHENGYANG })
    // An intent that is not docked (or does not exist) is the server's to refuse, under its field.
    await choose(page, 'project-source', '投资意向')
    await page.getByTestId('project-source-id').fill('999999')
    await page.getByTestId('project-save').click()
    await dialog.locator('.el-form-item__error').first().waitFor()
    await screenshot(page, 'projects-register-422-zh')
    const intentItem = dialog.locator('.el-form-item', { has: page.getByTestId('project-source-id') })
    assert.notEqual((await intentItem.locator('.el-form-item__error').innerText()).trim(), '')

    await choose(page, 'project-source', '单位自报')
    await page.getByTestId('project-save').click()
    await page.waitForURL(/\/console\/projects\/\d+$/)
    projectId = Number(new URL(page.url()).pathname.split('/').pop())
    await page.getByTestId('project-title').waitFor()
    assert.match(await page.getByTestId('project-title').innerText(), new RegExp(NAME))
    assert.equal(await page.getByTestId('project-stages').getAttribute('data-stage'), 'planning')
    assert.match(await page.getByTestId('project-unit').innerText(), new RegExp(CHENGYANG))
    assert.match(await page.getByTestId('project-timeline').innerText(), /登记项目/)
    assert.deepEqual(errors.filter((e) => !/status of 422/.test(e)), [])
    await context.close()
  })

  it('Chengyang staff record an update with a new stage; the page and the list show it', async () => {
    assert.ok(projectId, 'registered by the first test')
    const { context, page, errors } = await openSignedIn(browser, server.url, '370214.staff', { viewport: WIDE })
    await page.goto(`${server.url}/console/projects/${projectId}`)
    await page.getByTestId('project-update-form').waitFor()

    await page.getByTestId('update-submit').click()
    await page.getByTestId('update-error').waitFor()

    await page.getByTestId('update-text').fill('签订投资协议，计划下月注册公司。')
    await choose(page, 'update-stage', '签约')
    await page.getByTestId('update-submit').click()
    await page.waitForFunction(() => document.querySelector('[data-testid="project-stages"]')?.getAttribute('data-stage') === 'signed')
    const timeline = await page.getByTestId('project-timeline').innerText()
    assert.match(timeline, /签订投资协议/)
    assert.match(timeline, /谋划 → 签约/)
    assert.equal(await page.getByTestId('project-freshness').first().getAttribute('data-days'), '0')
    assert.equal(await page.getByTestId('update-text').inputValue(), '', 'the form is cleared after saving')
    // The unit attaches the signed agreement; it is listed for download.
    await page.getByTestId('attachment-input').setInputFiles({
      name: '投资协议.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n'),
    })
    await page.getByTestId('project-attachments').getByRole('link', { name: /投资协议\.pdf/ }).waitFor()
    await screenshot(page, 'project-detail-zh-desktop')

    await page.getByTestId('back-to-projects').click()
    const row = page.locator(`[data-testid="project-row"][data-project-id="${projectId}"]`)
    await row.waitFor()
    const line = page.locator('.el-table__row', { has: row })
    assert.equal(await line.getByTestId('project-stage').getAttribute('data-stage'), 'signed')
    assert.equal(await line.getByTestId('project-freshness').getAttribute('data-days'), '0')
    await screenshot(page, 'projects-list-zh-desktop')

    // Filters go to the server and into the address.
    await choose(page, 'filter-stage', '签约')
    await page.waitForURL(/stage=signed/)
    await row.waitFor()
    await page.getByTestId('projects-search').fill('没有这个项目zzz')
    await page.locator('#main').getByTestId('state-empty').waitFor()
    await page.getByTestId('clear-filters').click()
    await row.waitFor()

    // CSV export of the filtered list.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('projects-export').click()])
    const csv = readFileSync(await download.path(), 'utf8')
    assert.match(csv.split('\r\n')[0], /项目名称/)
    assert.ok(csv.includes(NAME), 'the project is in the export')
    assert.deepEqual(errors, [])
    await context.close()
  })

  it('the bureau edits the project; the timeline names the change', async () => {
    assert.ok(projectId, 'registered by the first test')
    const { context, page, errors } = await openSignedIn(browser, server.url, 'bureau', { viewport: WIDE })
    await page.goto(`${server.url}/console/projects/${projectId}`)
    await page.getByTestId('project-edit').click()
    await page.getByTestId('project-dialog').waitFor()
    assert.equal(await page.getByTestId('project-code-name').inputValue(), 'H-7')
    await page.getByTestId('project-code-name').fill('H-8')
    await page.getByTestId('project-video-url').fill('https://video.example.cn/site/h8')
    await page.getByTestId('project-add-contact').click()
    const contact = page.getByTestId('project-contacts-editor').locator('input')
    await contact.nth(0).fill('王经理')
    await contact.nth(1).fill('总经理')
    await contact.nth(2).fill('13800138000')
    await page.getByTestId('project-save').click()
    await page.waitForFunction(() => /H-8/.test(document.querySelector('[data-testid="project-title"]')?.parentElement?.innerText ?? ''))
    assert.match(await page.getByTestId('project-timeline').innerText(), /修改了项目代号/)
    assert.match(await page.getByTestId('project-contacts').innerText(), /王经理/)
    assert.equal(await page.getByTestId('project-video').locator('a').getAttribute('href'), 'https://video.example.cn/site/h8')
    await screenshot(page, 'project-detail-bureau-zh')
    assert.deepEqual(errors, [])
    await context.close()
  })

  it('reads in English and fits a phone screen', async () => {
    assert.ok(projectId, 'registered by the first test')
    const { context, page, errors } = await openSignedIn(browser, server.url, '370214.lead', { viewport: MOBILE, locale: 'en' })
    await page.goto(`${server.url}/console/projects`)
    await page.locator(`[data-testid="project-row"][data-project-id="${projectId}"]`).waitFor()
    assert.match(await page.locator('h1').innerText(), /Key projects/)
    assert.equal(await hasHorizontalScroll(page), false, 'the list scrolls sideways')
    await screenshot(page, 'projects-list-en-mobile')
    await page.goto(`${server.url}/console/projects/${projectId}`)
    await page.getByTestId('project-stages').waitFor()
    assert.equal(await hasHorizontalScroll(page), false, 'the project page scrolls sideways')
    await screenshot(page, 'project-detail-en-mobile')
    for (const tab of ['meetings', 'events', 'rounds', 'instructions', 'tickets']) {
      await page.goto(`${server.url}/console/${tab}`)
      await page.getByTestId('dispatch-tabs').waitFor()
      await page.locator('#main').getByTestId('state-loading').waitFor({ state: 'detached' })
      assert.equal(await hasHorizontalScroll(page), false, `${tab} scrolls sideways`)
      await screenshot(page, `dispatch-${tab}-en-mobile`)
    }
    assert.deepEqual(errors, [])
    await context.close()
  })

  it('an investor follows the project registered from their intent on the portal', async () => {
    const bureau = await openSignedIn(browser, server.url, 'bureau', { viewport: WIDE })
    // A docked intent of the demo investor, registered as a project of its primary unit.
    const intents = await apiGet(bureau.context, server.url, '/api/v1/intents?page_size=200')
    let registered = null
    for (const item of intents.items.filter((i) => i.status === 'docked')) {
      const intent = (await apiGet(bureau.context, server.url, `/api/v1/intents/${item.id}`)).intent
      const unit = intent.primary_unit?.id ?? (await unitId(bureau.context, server.url, '370214'))
      const res = await bureau.context.request.post(`${server.url}/api/v1/projects`, {
        headers: { 'X-CSRF-Token': (await apiGet(bureau.context, server.url, '/api/v1/auth/me')).csrf_token },
        data: {
          name: intent.title,
          company: intent.company,
          industry: intent.industry,
          capital_type: intent.capital_type,
          investment_total: intent.investment_total,
          currency: intent.currency,
          undertaking_unit_id: unit,
          source: 'intent',
          intent_id: intent.id,
        },
      })
      if (res.status() === 201) {
        registered = (await res.json()).project
        break
      }
    }
    assert.ok(registered, 'a docked demo intent could be registered')
    await apiPost(bureau.context, server.url, `/api/v1/projects/${registered.id}/updates`, {
      text: '完成公司注册。',
      stage: 'registered',
    })
    await bureau.context.close()

    const { context, page, errors } = await openSignedIn(browser, server.url, 'investor2', { viewport: WIDE })
    await page.goto(`${server.url}/projects`)
    const card = page.locator(`[data-testid="my-project"][data-project-id="${registered.id}"]`)
    await card.waitFor()
    assert.equal(await card.getByTestId('project-stages').getAttribute('data-stage'), 'registered')
    assert.equal(await card.locator('.pstages__item.is-current').getAttribute('data-stage'), 'registered')
    assert.match(await card.getByTestId('milestones').innerText(), /注册/)
    await screenshot(page, 'portal-my-projects-zh')
    assert.deepEqual(errors, [])
    await context.close()
  })

  it('a leader meeting pushed by the bureau is read and answered by Chengyang with a project it registers', async () => {
    const bureau = await openSignedIn(browser, server.url, 'bureau', { viewport: WIDE })
    const { page } = bureau
    await page.goto(`${server.url}/console/meetings`)
    await page.getByTestId('meeting-create').click()
    await page.getByTestId('meeting-dialog').waitFor()
    await page.getByTestId('meeting-leaders').click()
    await page.keyboard.type('张市长')
    await page.keyboard.press('Enter')
    await page.getByTestId('meeting-company').fill('青岛示例储能科技有限公司')
    await page.getByTestId('meeting-place').fill('市政府会见厅')
    await page.getByTestId('meeting-summary').fill('洽谈储能电池项目落户城阳。')
    await page.getByTestId('meeting-save').click()
    await page.waitForURL(/\/console\/meetings\/\d+$/)
    const meetingUrl = page.url()
    await page.getByTestId('meeting-push').click()
    await choose(page, 'push-units', CHENGYANG, { type: CHENGYANG })
    // A multiple select stays open after a choice: click beside it to close it.
    await page.getByTestId('push-dialog').locator('p').first().click()
    await page.locator('.el-select-dropdown__item:visible').first().waitFor({ state: 'hidden' })
    await page.getByTestId('push-submit').click()
    await page.locator('[data-testid="receipt-status"][data-status="pending"]').waitFor()
    assert.equal(await page.getByTestId('receipt-unread').count(), 1)

    const lead = await openSignedIn(browser, server.url, '370214.lead', { viewport: WIDE })
    await lead.page.goto(meetingUrl)
    await lead.page.getByTestId('meeting-report').waitFor()
    await lead.page.getByTestId('receipt-read').waitFor() // opening it is reading it
    await lead.page.getByTestId('report-submit').click()
    await lead.page.locator('[data-testid="meeting-report"] .el-form-item__error').first().waitFor()
    await lead.page.getByTestId('report-register').click()
    await lead.page.getByTestId('project-dialog').waitFor()
    assert.equal(await lead.page.getByTestId('project-company').inputValue(), '青岛示例储能科技有限公司')
    await lead.page.getByTestId('project-name').fill('储能电池生产基地')
    await choose(lead.page, 'project-industry', '新能源', { type: '新能源' })
    await lead.page.getByTestId('project-investment').fill('30000')
    await lead.page.getByTestId('project-save').click()
    await lead.page.getByTestId('project-dialog').waitFor({ state: 'hidden' })
    await lead.page.waitForFunction(() => document.querySelector('[data-testid="report-project"]')?.textContent?.includes('储能电池生产基地'))
    await lead.page.getByTestId('report-submit').click()
    await lead.page.getByTestId('my-answer').waitFor()
    await screenshot(lead.page, 'meeting-answered-zh')
    assert.deepEqual(lead.errors, [])
    await lead.context.close()

    await page.reload()
    await page.locator('[data-testid="receipt-status"][data-status="reported"]').waitFor()
    await page.getByTestId('receipt-read').waitFor()
    await screenshot(page, 'meeting-detail-zh')

    // The bureau opens an account for the project's investor, who then follows it on the portal.
    await page.getByTestId('receipts-table').getByRole('link').first().click()
    await page.waitForURL(/\/console\/projects\/\d+$/)
    const meetingProject = Number(new URL(page.url()).pathname.split('/').pop())
    await page.getByTestId('project-add-investor').click()
    await page.getByTestId('investor-name').fill('储能投资人')
    await page.getByTestId('investor-phone').fill('13900139021')
    await page.getByTestId('investor-save').click()
    const initialPassword = (await page.getByTestId('investor-password').innerText()).trim()
    assert.ok(initialPassword.length >= 8, 'an initial password is shown once')

    const investor = await newContext(browser, { viewport: WIDE })
    await signInApi(investor, server.url, '13900139021', initialPassword)
    const me = await (await investor.request.get(`${server.url}/api/v1/auth/me`)).json()
    const changed = await investor.request.post(`${server.url}/api/v1/auth/password`, {
      headers: { 'X-CSRF-Token': me.csrf_token },
      data: { current_password: initialPassword, new_password: 'Investor-Pass-2026' },
    })
    assert.ok(changed.ok(), `password change: ${changed.status()}`)
    const investorPage = await investor.newPage()
    const investorErrors = watchErrors(investorPage)
    await investorPage.goto(`${server.url}/projects`)
    const card = investorPage.locator(`[data-testid="my-project"][data-project-id="${meetingProject}"]`)
    await card.waitFor()
    assert.equal(await card.getByTestId('project-stages').getAttribute('data-stage'), 'planning')
    assert.equal(await investorPage.locator('[data-testid="my-project"]').count(), 1, 'the investor sees only their own project')
    await screenshot(investorPage, 'portal-investor-project-zh')
    assert.deepEqual(investorErrors, [])
    await investor.close()
    await page.goto(`${server.url}/console/meetings`)
    await page.getByTestId('meetings-fill-tab').click()
    await page.getByTestId('fill-rate-table').locator('text=城阳区').first().waitFor()
    await screenshot(page, 'meetings-fill-rate-zh')
    assert.deepEqual(bureau.errors.filter((e) => !/status of 422/.test(e)), [])
    await bureau.context.close()
  })

  it('a leader instruction reaches the unit as a task; a supervision ticket goes through its steps', async () => {
    assert.ok(projectId, 'registered by the first test')
    const leader = await openSignedIn(browser, server.url, 'leader', { viewport: WIDE })
    await leader.page.goto(`${server.url}/console/projects/${projectId}`)
    await leader.page.getByTestId('instruction-text').fill('加快办理施工许可，月底前开工。')
    await leader.page.getByTestId('instruction-submit').click()
    await leader.page.waitForFunction(() => document.querySelector('[data-testid="project-timeline"]')?.textContent?.includes('批示：加快办理施工许可'))
    assert.equal(await leader.page.getByTestId('project-update-form').count(), 0, 'leaders read and instruct, they do not record updates')
    assert.deepEqual(leader.errors, [])
    await leader.context.close()

    const staff = await openSignedIn(browser, server.url, '370214.staff', { viewport: WIDE })
    await staff.page.goto(`${server.url}/console/instructions`)
    const item = staff.page.locator('[data-testid="instruction"]', { hasText: '加快办理施工许可' })
    await item.waitFor()
    await item.getByTestId('instruction-reply').fill('已约见住建局，预计 28 日取得施工许可。')
    await item.getByTestId('instruction-respond').click()
    await staff.page.getByTestId('instructions-filter').locator('label', { hasText: '已答复' }).click()
    await staff.page.locator('[data-testid="instruction"]', { hasText: '加快办理施工许可' }).getByTestId('instruction-response').waitFor()
    await screenshot(staff.page, 'instructions-zh')

    const bureau = await openSignedIn(browser, server.url, 'bureau', { viewport: WIDE })
    await bureau.page.goto(`${server.url}/console/tickets`)
    await bureau.page.getByTestId('ticket-create').click()
    await choose(bureau.page, 'ticket-unit', CHENGYANG, { type: CHENGYANG })
    await bureau.page.getByTestId('ticket-text').fill('请于本周内更新储能项目进展。')
    await bureau.page.getByTestId('ticket-create-submit').click()
    await bureau.page.getByTestId('ticket-create-dialog').waitFor({ state: 'hidden' })
    await bureau.page.locator('[data-testid="ticket-dialog-state"][data-state="issued"]').waitFor()
    assert.equal(await bureau.page.getByTestId('ticket-act').count(), 0, 'signing for is the unit’s step')
    assert.deepEqual(bureau.errors, [])
    await bureau.context.close()

    await staff.page.goto(`${server.url}/console/tickets`)
    await staff.page.locator('[data-testid="ticket-row"]', { hasText: '请于本周内更新储能项目进展' }).click()
    await staff.page.getByTestId('ticket-sign').click()
    await staff.page.locator('[data-testid="ticket-dialog-state"][data-state="signed_for"]').waitFor()
    await staff.page.getByTestId('ticket-handle').click()
    await staff.page.locator('[data-testid="ticket-act"] .el-alert').waitFor()
    await staff.page.getByTestId('ticket-step-text').fill('已更新项目进展。')
    await staff.page.getByTestId('ticket-handle').click()
    await staff.page.locator('[data-testid="ticket-dialog-state"][data-state="handled"]').waitFor()
    await screenshot(staff.page, 'ticket-dialog-zh')
    assert.deepEqual(staff.errors, [])
    await staff.context.close()
  })

  it('the bureau opens and closes a dispatch round; a unit sees its rate and what is left to update', async () => {
    const bureau = await openSignedIn(browser, server.url, 'bureau', { viewport: WIDE })
    await bureau.page.goto(`${server.url}/console/rounds`)
    await bureau.page.getByTestId('round-open').click()
    await bureau.page.getByTestId('round-open-submit').click()
    await bureau.page.locator('[data-testid="round-dialog"] .el-form-item__error').first().waitFor()
    await bureau.page.getByTestId('round-name').fill('第48周调度')
    await dateInputs(bureau.page, 'round-closes-at').fill('2030-01-10 17:00:00')
    await dateInputs(bureau.page, 'round-closes-at').press('Enter')
    await bureau.page.getByTestId('round-open-submit').click()
    await bureau.page.waitForURL(/\/console\/rounds\/\d+$/)
    const roundUrl = bureau.page.url()
    await bureau.page.locator('[data-testid="round-state"][data-state="open"]').waitFor()
    await bureau.page.getByTestId('round-units').locator('.el-table__row').first().waitFor()
    await screenshot(bureau.page, 'round-detail-zh')

    const staff = await openSignedIn(browser, server.url, '370214.staff', { viewport: WIDE })
    await staff.page.goto(roundUrl)
    await staff.page.getByTestId('round-pending').waitFor()
    await screenshot(staff.page, 'round-detail-unit-zh')
    const rows = await staff.page.getByTestId('round-units').locator('.el-table__row').allInnerTexts()
    assert.ok(rows.every((r) => r.includes(CHENGYANG)), `a unit sees its own rate only: ${rows.join(' | ')}`)
    assert.equal(await staff.page.getByTestId('round-close').count(), 0)
    assert.deepEqual(staff.errors, [])
    await staff.context.close()

    await bureau.page.getByTestId('round-close').click()
    await bureau.page.locator('.el-message-box__btns .el-button--primary').click()
    await bureau.page.locator('[data-testid="round-state"][data-state="closed"]').waitFor()
    assert.deepEqual(bureau.errors, [])
    await bureau.context.close()
  })

  it('the bureau records a major event and sees its funnel', async () => {
    const bureau = await openSignedIn(browser, server.url, 'bureau', { viewport: WIDE })
    await bureau.page.goto(`${server.url}/console/events`)
    await bureau.page.getByTestId('event-create').click()
    await bureau.page.getByTestId('event-name').fill('2026 亚布力论坛夏季高峰会')
    const dates = dateInputs(bureau.page, 'event-dates')
    await dates.nth(0).fill('2026-07-20')
    await dates.nth(0).press('Enter')
    await dates.nth(1).fill('2026-07-22')
    await dates.nth(1).press('Enter')
    await bureau.page.getByTestId('event-place').fill('青岛国际会议中心')
    await bureau.page.getByTestId('event-organiser').fill('亚布力中国企业家论坛')
    await bureau.page.getByTestId('event-save').click()
    await bureau.page.waitForURL(/\/console\/events\/\d+$/)
    await bureau.page.getByTestId('event-funnel').waitFor()
    assert.equal(await bureau.page.locator('[data-column="at_event"] [data-step="signed"] [data-testid="funnel-count"]').innerText(), '0')
    await screenshot(bureau.page, 'event-detail-zh')
    assert.deepEqual(bureau.errors, [])
    await bureau.context.close()
  })
})
