import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { deflateSync } from 'node:zlib'
import {
  MOBILE,
  hasHorizontalScroll,
  newContext,
  openSignedIn,
  screenshot,
  signInApi,
  skipReason,
  skipWithoutAuth,
  watchErrors,
  serverAndBrowserForSuite,
} from './server.mjs'

// Intake extras (issue 4): the investor attaches a PNG on the intent's page and Huangdao's staff
// download it; a unit lead contests an overdue listing and the commerce bureau rejects it; the
// unit lead's staff availability table. Both page widths.

const WIDE = { width: 1280, height: 900 }

/** A valid 8×8 red PNG (the server judges the type by content). */
function tinyPng() {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crc = (buf) => {
    let c = 0xffffffff
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8)
    return (c ^ 0xffffffff) >>> 0
  }
  const chunk = (type, data) => {
    const len = Buffer.alloc(4)
    len.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const sum = Buffer.alloc(4)
    sum.writeUInt32BE(crc(body))
    return Buffer.concat([len, body, sum])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(8, 0)
  header.writeUInt32BE(8, 4)
  header.set([8, 2, 0, 0, 0], 8)
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array(8).fill([0xd0, 0x30, 0x50]).flat())])
  const raw = Buffer.concat(Array(8).fill(row))
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))])
}

async function csrf(context, url) {
  return (await (await context.request.get(`${url}/api/v1/auth/me`)).json()).csrf_token
}

async function unitId(context, url, code) {
  const { tree } = await (await context.request.get(`${url}/api/v1/units`)).json()
  const flat = []
  const walk = (list) => list.forEach((u) => (flat.push(u), walk(u.children ?? [])))
  walk(tree)
  return flat.find((u) => u.code === code)?.id
}

describe('intake extras', { skip: skipReason() }, () => {
  let server
  let browser

  serverAndBrowserForSuite((started, launched) => {
    server = started
    browser = launched
  })

  it('the investor uploads a PNG on the intent page; Huangdao staff download it', async (t) => {
    if (skipWithoutAuth(t, server)) return
    const investorCtx = await newContext(browser, { viewport: WIDE })
    const staffCtx = await newContext(browser, { viewport: WIDE })
    await signInApi(investorCtx, server.url, 'investor')
    await signInApi(staffCtx, server.url, '370211.staff')

    const huangdao = await unitId(investorCtx, server.url, '370211')
    const made = await investorCtx.request.post(`${server.url}/api/v1/intents`, {
      headers: { 'X-CSRF-Token': await csrf(investorCtx, server.url) },
      data: {
        title: '智能座舱模组项目',
        company: '青岛示例座舱科技有限公司',
        contact_name: '李经理',
        contact_phone: '13900005678',
        industry: '智能网联新能源汽车',
        investment_total: '200000000',
        currency: 'CNY',
        capital_type: 'domestic',
        preferred_units: [huangdao],
        description: '座舱域控制器与显示模组。',
      },
    })
    assert.equal(made.status(), 201, await made.text())
    const id = (await made.json()).intent.id

    const page = await investorCtx.newPage()
    const errors = watchErrors(page, { allowStatus: [422] })
    await page.goto(`${server.url}/intents/${id}`)
    await page.getByTestId('attachment-upload').waitFor()
    const png = tinyPng()
    await page.getByTestId('attachment-input').setInputFiles([
      { name: '厂房布局.png', mimeType: 'image/png', buffer: png },
      { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not allowed') },
      { name: 'fake.png', mimeType: 'image/png', buffer: Buffer.from('text pretending to be an image') },
    ])
    await page.locator('[data-testid="attachment-uploads"] li[data-state="failed"]').waitFor()
    await page.locator('[data-testid="attachment-uploads"] li[data-state="done"]').waitFor()
    assert.match(await page.getByTestId('attachment-problems').innerText(), /notes\.txt/)
    // The server's 422 message for the text dressed as a PNG is shown against it.
    assert.notEqual((await page.locator('[data-testid="attachment-uploads"] li[data-state="failed"]').innerText()).trim(), '')
    await page.getByTestId('intent-attachments').getByText('厂房布局.png').waitFor()
    await screenshot(page, 'portal-intent-attachments-zh-desktop')
    assert.deepEqual(errors, [])

    const staff = await staffCtx.newPage()
    const staffErrors = watchErrors(staff)
    await staff.goto(`${server.url}/console/intents/${id}`)
    const link = staff.getByTestId('intent-attachments').getByRole('link', { name: /厂房布局\.png/ })
    await link.waitFor()
    const [download] = await Promise.all([staff.waitForEvent('download'), link.click()])
    assert.equal(download.suggestedFilename(), '厂房布局.png')
    const saved = await download.path()
    assert.deepEqual(readFileSync(saved), png)
    await screenshot(staff, 'console-intent-attachments-zh-desktop')
    assert.deepEqual(staffErrors, [])

    // Narrow screens: the upload control and the list fit.
    const mobileCtx = await newContext(browser, { viewport: MOBILE })
    await signInApi(mobileCtx, server.url, 'investor')
    const mobile = await mobileCtx.newPage()
    await mobile.goto(`${server.url}/intents/${id}`)
    await mobile.getByTestId('intent-attachments').waitFor()
    assert.equal(await hasHorizontalScroll(mobile), false, 'intent page scrolls sideways')
    await screenshot(mobile, 'portal-intent-attachments-zh-mobile')
    await Promise.all([investorCtx.close(), staffCtx.close(), mobileCtx.close()])
  })

  it('a unit lead contests an overdue listing; the bureau rejects it', async (t) => {
    if (skipWithoutAuth(t, server)) return
    // The demo history leaves two intents overdue; find one of a lead's units through the bureau's inbox.
    const bureauCtx = await newContext(browser, { viewport: WIDE })
    await signInApi(bureauCtx, server.url, 'bureau')
    const inbox = await (await bureauCtx.request.get(`${server.url}/api/v1/inbox?view=open&page_size=100`)).json()
    const { tree } = await (await bureauCtx.request.get(`${server.url}/api/v1/units`)).json()
    const districts = new Map(tree.flatMap((root) => root.children ?? []).filter((u) => u.type === 'district').map((u) => [u.id, u.code]))
    const overdue = inbox.items.find((i) => i.overdue && districts.has(i.unit_id))
    assert.ok(overdue, 'an overdue item of a district in the demo history')
    const lead = `${districts.get(overdue.unit_id)}.lead`

    const { context: leadCtx, page, errors } = await openSignedIn(browser, server.url, lead, { viewport: WIDE })
    await page.goto(`${server.url}/console/intents/${overdue.intent_id}`)
    const button = page.getByTestId(`contest-${overdue.assignment_id}`)
    await button.waitFor()
    await button.click()
    const dialog = page.getByTestId('contest-dialog')
    await dialog.getByTestId('contest-submit').click()
    await dialog.locator('.el-form-item__error').waitFor()
    await dialog.getByTestId('contest-reason').fill('投资方要求暂缓对接，等待其董事会决议。')
    await screenshot(page, 'console-contest-dialog-zh-desktop', { fullPage: false })
    await dialog.getByTestId('contest-submit').click()
    await page.getByTestId('contest-sent').waitFor()

    // After a reload the intent itself says the contest is pending: no second contest offered.
    await page.reload()
    await page.getByTestId('contest-sent').waitFor()
    assert.equal(await button.count(), 0)
    assert.deepEqual(errors, [])

    const bureau = await bureauCtx.newPage()
    const bureauErrors = watchErrors(bureau)
    await bureau.goto(`${server.url}/console/contests`)
    const item = bureau.getByTestId('contest-item').filter({ hasText: overdue.title })
    await item.waitFor()
    assert.match(await item.innerText(), /投资方要求暂缓对接/)
    await screenshot(bureau, 'console-contests-zh-desktop')
    await item.getByRole('button', { name: '驳回' }).click()
    const decide = bureau.getByTestId('decide-dialog')
    await decide.getByTestId('decide-note').fill('投资方暂缓不属于免责情形。')
    await decide.getByTestId('decide-confirm').click()
    await item.waitFor({ state: 'detached' })
    await bureau.getByTestId('contests-all').click()
    const decided = bureau.getByTestId('contest-item').filter({ hasText: overdue.title })
    await decided.waitFor()
    assert.equal((await decided.getByTestId('contest-status').innerText()).trim(), '已驳回')
    assert.match(await decided.innerText(), /投资方暂缓不属于免责情形/)
    assert.deepEqual(bureauErrors, [])

    const mobileCtx = await newContext(browser, { viewport: MOBILE })
    await signInApi(mobileCtx, server.url, 'bureau')
    const mobile = await mobileCtx.newPage()
    await mobile.goto(`${server.url}/console/contests`)
    await mobile.getByTestId('contests-all').click()
    await mobile.getByTestId('contest-item').first().waitFor()
    assert.equal(await hasHorizontalScroll(mobile), false, 'contests page scrolls sideways')
    await screenshot(mobile, 'console-contests-zh-mobile')
    await Promise.all([leadCtx.close(), bureauCtx.close(), mobileCtx.close()])
  })

  it('a unit lead marks staff on leave on the my-unit page; staff see it read-only', async (t) => {
    if (skipWithoutAuth(t, server)) return
    const { context: leadCtx, page, errors } = await openSignedIn(browser, server.url, '370212.lead', { viewport: WIDE })
    await page.goto(`${server.url}/console/my-unit`)
    const row = page.getByTestId('intake-staff-table').locator('.el-table__body tr').first()
    await row.waitFor()
    await row.getByTestId('staff-leave').click()
    await row.getByTestId('staff-capacity').locator('input').fill('7')
    await row.getByTestId('staff-capacity').locator('input').press('Tab')
    await row.getByTestId('staff-save').click()
    await page.locator('.el-message--success').waitFor()
    await screenshot(page, 'console-my-unit-staff-zh-desktop')
    assert.deepEqual(errors, [])

    const staffCtx = await newContext(browser, { viewport: MOBILE })
    await signInApi(staffCtx, server.url, '370212.staff')
    const staff = await staffCtx.newPage()
    await staff.goto(`${server.url}/console/my-unit`)
    const card = staff.getByTestId('intake-staff-list').getByTestId('intake-staff-row').first()
    await card.waitFor()
    assert.match(await card.innerText(), /休假/)
    assert.match(await card.innerText(), /\/ 7/)
    assert.equal(await staff.getByTestId('staff-save').count(), 0, 'staff cannot change it')
    assert.equal(await hasHorizontalScroll(staff), false, 'my-unit scrolls sideways')
    await screenshot(staff, 'console-my-unit-staff-zh-mobile')
    await Promise.all([leadCtx.close(), staffCtx.close()])
  })
})
