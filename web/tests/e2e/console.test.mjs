import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import {
  MOBILE,
  hasHorizontalScroll,
  launchBrowser,
  newContext,
  screenshot,
  signInApi,
  skipReason,
  skipWithoutAuth,
  startServer,
  watchErrors,
} from './server.mjs'

// Console pages need a signed-in user: each test signs in as the demo bureau operator first.
describe('console', { skip: skipReason() }, () => {
  let server
  let browser

  before(async () => {
    server = await startServer()
    browser = await launchBrowser()
  })

  after(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('overview shows unit and industry counts', async (t) => {
    if (skipWithoutAuth(t, server)) return
    const context = await newContext(browser)
    await signInApi(context, server.url, 'bureau')
    const page = await context.newPage()
    const errors = watchErrors(page)
    await page.goto(`${server.url}/console`)
    await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="stat-districts"]')?.textContent ?? ''))
    assert.match(await page.getByTestId('stat-districts').innerText(), /10/)
    await screenshot(page, 'console-overview-zh-desktop')
    assert.deepEqual(errors, [])
    await context.close()
  })

  it('units page shows the tree with the 10 districts and opens a detail drawer', async (t) => {
    if (skipWithoutAuth(t, server)) return
    const context = await newContext(browser)
    await signInApi(context, server.url, 'bureau')
    const page = await context.newPage()
    const errors = watchErrors(page)
    await page.goto(`${server.url}/console/units`)
    const table = page.getByTestId('units-table')
    await table.getByText('城阳区', { exact: true }).waitFor()
    assert.equal(await table.locator('tr.row--district').count(), 10)
    for (const name of ['黄岛区', '崂山区', '莱西市']) await table.getByText(name).first().waitFor()
    assert.ok((await table.locator('a[href^="tel:"]').count()) > 0)
    await screenshot(page, 'console-units-zh-desktop')

    await table.getByRole('button', { name: /城阳区/ }).first().click()
    const drawer = page.locator('.el-drawer')
    await drawer.getByText('370214').waitFor()
    await drawer.getByTestId('drawer-parent').waitFor()
    assert.match(await drawer.getByTestId('drawer-parent').innerText(), /青岛市/)
    await screenshot(page, 'console-unit-drawer-zh-desktop', { fullPage: false })
    await page.keyboard.press('Escape')

    await page.getByTestId('units-search').fill('城阳')
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="units-table"] tr.row--district').length === 1)
    await page.getByTestId('units-search').fill('')
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="units-table"] tr.row--district').length === 10)
    assert.deepEqual(errors, [])
    await context.close()
  })

  it('units page in English', async (t) => {
    if (skipWithoutAuth(t, server)) return
    const context = await newContext(browser, { locale: 'en' })
    await signInApi(context, server.url, 'bureau')
    const page = await context.newPage()
    await page.goto(`${server.url}/console/units`)
    await page.getByTestId('units-table').getByText('Chengyang District', { exact: true }).first().waitFor()
    await screenshot(page, 'console-units-en-desktop')
    await context.close()
  })

  it('industries page lists chains and the GB/T 4754 sections', async (t) => {
    if (skipWithoutAuth(t, server)) return
    const context = await newContext(browser)
    await signInApi(context, server.url, 'bureau')
    const page = await context.newPage()
    const errors = watchErrors(page)
    await page.goto(`${server.url}/console/industries`)
    await page.getByTestId('industry-sections').waitFor()
    const rows = page.locator('[data-testid="industry-sections"] .el-table__body tr')
    assert.equal(await rows.count(), 20)
    await page.getByTestId('industry-chains').waitFor()
    await screenshot(page, 'console-industries-zh-desktop')
    assert.deepEqual(errors, [])
    await context.close()
  })

  for (const locale of ['zh-CN', 'en']) {
    it(`fits a 375 px screen without horizontal scrolling (${locale})`, async (t) => {
      if (skipWithoutAuth(t, server)) return
      const context = await newContext(browser, { viewport: MOBILE, locale })
      await signInApi(context, server.url, 'bureau')
      const page = await context.newPage()
      const errors = watchErrors(page)
      const tag = locale === 'en' ? 'en' : 'zh'
      const district = locale === 'en' ? 'Chengyang District' : '城阳区'

      await page.goto(`${server.url}/console`)
      await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="stat-districts"]')?.textContent ?? ''))
      assert.equal(await hasHorizontalScroll(page), false, 'overview scrolls sideways')
      await screenshot(page, `console-overview-${tag}-mobile`)

      await page.goto(`${server.url}/console/units`)
      await page.getByTestId('units-table').getByText(district, { exact: true }).first().waitFor()
      assert.equal(await hasHorizontalScroll(page), false, 'units page scrolls sideways')
      await screenshot(page, `console-units-${tag}-mobile`)

      await page.getByTestId('units-table').getByRole('button', { name: new RegExp(district) }).first().click()
      await page.locator('.el-drawer').getByText('370214').waitFor()
      await screenshot(page, `console-unit-drawer-${tag}-mobile`, { fullPage: false })
      await page.keyboard.press('Escape')

      await page.goto(`${server.url}/console/industries`)
      await page.getByTestId('industry-sections').waitFor()
      assert.equal(await hasHorizontalScroll(page), false, 'industries page scrolls sideways')
      await screenshot(page, `console-industries-${tag}-mobile`)
      assert.deepEqual(errors, [])
      await context.close()
    })
  }
})
