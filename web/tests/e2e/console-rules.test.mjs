import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  MOBILE,
  hasHorizontalScroll,
  newContext,
  openSignedIn,
  screenshot,
  signInApi,
  skipReason,
  skipWithoutAuth,
  serverAndBrowserForSuite,
} from './server.mjs'

// The commerce bureau's console settings (issue 4): routing rules tried against recent intents
// and saved as a version, and the working calendar's next year entered in the console.

/** POST/PUT with the context's session and CSRF token. */
async function send(context, url, method, path, data) {
  const me = await context.request.get(`${url}/api/v1/auth/me`)
  const { csrf_token: csrf } = await me.json()
  return context.request.fetch(`${url}${path}`, { method, data, headers: { 'X-CSRF-Token': csrf ?? '' } })
}

function intent(industry, total) {
  return {
    title: `试运行项目 ${industry}`,
    company: '青岛示例有限公司',
    contact_name: '李女士',
    contact_phone: '13912345678',
    industry,
    investment_total: total,
    currency: 'CNY',
    capital_type: 'domestic',
    description: '用于分流规则试运行的示例意向。',
  }
}

describe('bureau console settings', { skip: skipReason() }, () => {
  let server
  let browser

  serverAndBrowserForSuite((started, launched) => {
    server = started
    browser = launched
  })

  it('tries routing rules on recent intents, then saves them as a version', async (t) => {
    if (skipWithoutAuth(t, server)) return
    const investor = await newContext(browser)
    await signInApi(investor, server.url, 'investor')
    for (const [industry, total] of [
      ['ict', '300000000'],
      ['nev', '800000000'],
      ['A', '10000000'],
    ]) {
      const res = await send(investor, server.url, 'POST', '/api/v1/intents', intent(industry, total))
      assert.equal(res.status(), 201, await res.text())
    }
    await investor.close()

    const { context, page, errors } = await openSignedIn(browser, server.url, 'bureau')
    await page.goto(`${server.url}/console/routing-rules`)
    await page.getByTestId('rules-form').waitFor()
    assert.match(await page.getByTestId('rules-current').innerText(), /出厂默认/)

    const maxCandidates = page.getByTestId('rule-max-candidates').locator('input')
    await maxCandidates.fill('1')
    await maxCandidates.blur()
    await page.getByTestId('rules-dry-run').click()
    await page.getByTestId('dry-run-summary').waitFor()
    // Demo data may hold intents of its own: at least the two above change (one area each now).
    const summary = /最近 (\d+) 条意向中有 (\d+) 条的分派会改变/.exec(await page.getByTestId('dry-run-summary').innerText())
    assert.ok(summary && Number(summary[1]) >= 3 && Number(summary[2]) >= 2, String(summary))
    assert.equal(await page.getByTestId('dry-run-table').locator('tr.row--changed').count(), Number(summary[2]))
    await screenshot(page, 'console-routing-rules-dry-run-zh-desktop')

    await page.getByTestId('rules-save').click()
    const box = page.locator('.el-message-box')
    await box.waitFor()
    await box.locator('input').fill('每条意向只派给最匹配的一个地区')
    await screenshot(page, 'console-routing-rules-confirm-zh-desktop', { fullPage: false })
    await box.locator('.el-button--primary').click()
    await page.getByText('已保存为第 1 版').waitFor()
    assert.match(await page.getByTestId('rules-current').innerText(), /第 1 版/)
    assert.match(await page.getByTestId('rules-history').innerText(), /每条意向只派给最匹配的一个地区/)
    assert.deepEqual(errors, [])
    await context.close()

    const mobile = await newContext(browser, { viewport: MOBILE, locale: 'en' })
    await signInApi(mobile, server.url, 'bureau')
    const small = await mobile.newPage()
    await small.goto(`${server.url}/console/routing-rules`)
    await small.getByTestId('rules-form').waitFor()
    await small.getByTestId('rules-dry-run').click()
    await small.getByTestId('dry-run-summary').waitFor()
    assert.match(await small.getByTestId('dry-run-summary').innerText(), /of the last \d+ intents would be routed differently/)
    assert.equal(await hasHorizontalScroll(small), false, 'routing rules scroll sideways')
    await screenshot(small, 'console-routing-rules-en-mobile')
    await mobile.close()
  })

  it('warns about next year until the bureau enters it', async (t) => {
    if (skipWithoutAuth(t, server)) return
    const { context, page, errors } = await openSignedIn(browser, server.url, 'bureau')
    const { current_year: year } = await (await context.request.get(`${server.url}/api/v1/calendar/years`)).json()
    const next = year + 1
    await page.goto(`${server.url}/console/calendar`)
    await page.getByTestId('calendar-warning').first().waitFor()
    assert.match(await page.getByTestId('calendar-warning').first().innerText(), new RegExp(`${next} 年的节假日安排尚未录入`))
    await screenshot(page, 'console-calendar-missing-zh-desktop')

    await page.getByTestId('calendar-edit').click()
    await page.getByTestId('calendar-editor').waitFor()
    const inputs = page.getByTestId('calendar-range').locator('input')
    await inputs.nth(0).click()
    await inputs.nth(0).fill(`${next}-10-01`)
    await inputs.nth(1).fill(`${next}-10-07`)
    await inputs.nth(1).press('Enter')
    await page.getByTestId('calendar-range-name').fill('国庆节')
    await page.getByTestId('calendar-add-range').click()
    const workday = page.getByTestId('calendar-workday-date')
    await workday.locator('input').fill(`${next}-10-09`)
    await workday.locator('input').press('Enter')
    await page.getByTestId('calendar-add-workday').click()
    await screenshot(page, 'console-calendar-editor-zh-desktop')
    await page.getByTestId('calendar-save').click()
    await page.locator('.el-message-box .el-button--primary').click()
    await page.getByTestId('calendar-holidays').waitFor()
    assert.equal(await page.getByTestId('calendar-warning').count(), 0)
    const saved = await (await context.request.get(`${server.url}/api/v1/calendar/years`)).json()
    const entry = saved.years.find((y) => y.year === next)
    assert.equal(entry.published, true)
    assert.equal(entry.holidays.length, 7)
    assert.deepEqual(
      entry.workdays.map((d) => [d.date, d.name_zh]),
      [[`${next}-10-09`, '国庆节调休上班']],
    )
    await screenshot(page, 'console-calendar-entered-zh-desktop')
    assert.deepEqual(errors, [])
    await context.close()

    const staff = await newContext(browser, { viewport: MOBILE, locale: 'en' })
    await signInApi(staff, server.url, '370214.staff')
    const small = await staff.newPage()
    await small.goto(`${server.url}/console/calendar`)
    await small.getByTestId('calendar-year').waitFor()
    assert.equal(await small.getByTestId('calendar-edit').count(), 0)
    assert.equal(await hasHorizontalScroll(small), false, 'calendar scrolls sideways')
    await screenshot(small, 'console-calendar-en-mobile')
    await staff.close()
  })
})
