import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  MOBILE,
  hasHorizontalScroll,
  navTexts,
  newContext,
  openSignedIn,
  screenshot,
  signInApi,
  signInUi,
  skipReason,
  skipWithoutAuth,
  watchErrors,
  serverAndBrowserForSuite, clickNav } from './server.mjs'

// Console pages need a signed-in user: each test signs in as the demo bureau operator first.
describe('console', { skip: skipReason() }, () => {
  let server
  let browser

  serverAndBrowserForSuite((started, launched) => {
    server = started
    browser = launched
  })

  it('overview shows unit and industry counts', async (t) => {
    if (skipWithoutAuth(t, server)) return
    const { context, page, errors } = await openSignedIn(browser, server.url, 'bureau')
    await page.goto(`${server.url}/console`)
    await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="stat-districts"]')?.textContent ?? ''))
    assert.match(await page.getByTestId('stat-districts').innerText(), /10/)
    await screenshot(page, 'console-overview-zh-desktop')
    assert.deepEqual(errors, [])
    await context.close()
  })

  it('start page shows the official their waiting work, each figure equal to the list it opens', async (t) => {
    if (skipWithoutAuth(t, server)) return
    const { context, page, errors } = await openSignedIn(browser, server.url, '370212.staff')
    await page.goto(`${server.url}/console`)
    const summary = page.getByTestId('work-summary')
    await summary.waitFor()
    const figure = async (key) => {
      const card = summary.getByTestId(`work-${key}`)
      await card.getByTestId('work-waiting').waitFor()
      return Number(await card.getByTestId('work-waiting').innerText())
    }
    const api = async (path) => (await (await context.request.get(`${server.url}/api/v1${path}`)).json()).total
    assert.equal(await figure('tickets'), await api('/tickets?state=issued&page_size=1'))
    assert.equal(await figure('questions'), await api('/consultations?status=open&page_size=1'))
    assert.equal(await figure('intents'), await api('/inbox?view=open&page_size=1'))
    const red = await figure('projects')
    assert.ok(red > 0, 'the demo has red-light projects in 崂山区')
    await screenshot(page, 'console-overview-work-zh-desktop', { fullPage: false })

    await summary.getByTestId('work-projects').getByRole('link').click()
    await page.waitForURL(/\/console\/projects\?light=red$/)
    await page.getByTestId('projects-count').waitFor()
    assert.equal(await page.getByTestId('projects-count').innerText(), `共 ${red} 个`)
    assert.deepEqual(errors, [])
    await context.close()
  })

  it('groups related pages into header menus that work with the keyboard', async (t) => {
    if (skipWithoutAuth(t, server)) return
    const { context, page, errors } = await openSignedIn(browser, server.url, 'bureau')
    await page.goto(`${server.url}/console`)
    const menu = page.getByTestId('nav-group-casework')
    const button = menu.getByRole('button', { name: '业务办理' })
    assert.equal(await page.getByTestId('menu-toggle').isVisible(), false, 'the pages fit in one row at 1440 px')
    assert.equal(await button.getAttribute('aria-expanded'), 'false')
    await button.focus()
    await page.keyboard.press('Enter')
    assert.equal(await button.getAttribute('aria-expanded'), 'true')
    await screenshot(page, 'console-nav-menu-zh-desktop', { fullPage: false })
    // The first page has the focus; the arrows move through the menu, Escape closes it.
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), '重点项目')
    await page.keyboard.press('Escape')
    assert.equal(await button.getAttribute('aria-expanded'), 'false')
    assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), '业务办理')
    await page.keyboard.press('Enter')
    await page.keyboard.press('ArrowUp')
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/console\/projects$/)
    assert.equal(await button.getAttribute('aria-expanded'), 'false', 'the menu closes on navigation')
    assert.match((await button.getAttribute('class')) ?? '', /nav-menu__button--active/, 'the menu marks the section shown')
    assert.deepEqual(errors, [])
    await context.close()
  })

  it('units page shows the tree with the 10 districts and opens a detail drawer', async (t) => {
    if (skipWithoutAuth(t, server)) return
    const { context, page, errors } = await openSignedIn(browser, server.url, 'bureau')
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
    assert.equal(await drawer.getByTestId('unit-edit').count(), 0, 'no edit button without identity:unit:update')
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
    const { context, page, errors } = await openSignedIn(browser, server.url, 'bureau')
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
      const { context, page, errors } = await openSignedIn(browser, server.url, 'bureau', { viewport: MOBILE, locale })
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

  // Runs last: it changes Chengyang's phone on the shared server.
  it('system administrator edits a unit: new phone in the tree and in the portal directory', async (t) => {
    if (skipWithoutAuth(t, server)) return
    const context = await newContext(browser)
    const page = await context.newPage()
    const errors = watchErrors(page)
    const phone = '0532-80001234'

    await signInUi(page, server.url, { login: 'admin' })
    await page.waitForURL(/\/console\/accounts$/)
    assert.deepEqual(await navTexts(page), ['账号管理', '组织机构'])
    await clickNav(page, '组织机构')
    const table = page.getByTestId('units-table')
    await table.getByText('城阳区', { exact: true }).waitFor()
    assert.equal(await table.getByText(phone).count(), 0)

    await table.getByRole('button', { name: /城阳区/ }).first().click()
    const drawer = page.locator('.el-drawer')
    await drawer.getByText('370214').waitFor()
    await drawer.getByTestId('unit-edit').waitFor()
    await screenshot(page, 'console-unit-drawer-admin-zh-desktop', { fullPage: false })
    await drawer.getByTestId('unit-edit').click()

    const dialog = page.getByTestId('unit-edit-dialog')
    await dialog.waitFor()
    const phoneInput = page.getByTestId('unit-edit-phone')
    assert.equal(await phoneInput.inputValue(), '0532-87866000')

    // Our own check first: letters are refused under the field and nothing is sent.
    await phoneInput.fill('0532 转 8')
    await page.getByTestId('unit-edit-save').click()
    await dialog.locator('.el-form-item__error').first().waitFor()
    assert.match(await dialog.locator('.el-form-item__error').first().innerText(), /数字/)
    await screenshot(page, 'console-unit-edit-error-zh-desktop', { fullPage: false })

    await phoneInput.fill(phone)
    const tagInput = dialog.locator('[data-testid="unit-edit-industries"] input, input[data-testid="unit-edit-industries"]').first()
    await tagInput.fill('氢能')
    await tagInput.press('Enter')
    await dialog.locator('.el-tag', { hasText: '氢能' }).waitFor()
    await screenshot(page, 'console-unit-edit-zh-desktop', { fullPage: false })

    await page.getByTestId('unit-edit-save').click()
    const box = page.locator('.el-message-box')
    await box.waitFor()
    assert.match(await box.innerText(), /电话/)
    await screenshot(page, 'console-unit-edit-confirm-zh-desktop', { fullPage: false })
    await box.locator('.el-button--primary').click()
    await page.locator('.el-message--success').waitFor()
    await dialog.waitFor({ state: 'hidden' })
    await drawer.getByText(phone).waitFor()
    await page.keyboard.press('Escape')

    // The tree is read again (new ETag) and shows the new phone and industry.
    await table.getByText(phone).waitFor()
    assert.equal(await table.locator('a[href="tel:053280001234"]').count(), 1)
    await table.getByText('氢能').first().waitFor()
    await screenshot(page, 'console-units-edited-zh-desktop')

    await page.goto(`${server.url}/directory`)
    const card = page.locator('[data-unit-type="district"]', { hasText: '城阳区' }).first()
    await card.getByText(phone).waitFor()
    await screenshot(page, 'portal-directory-edited-zh-desktop')
    assert.deepEqual(errors, [])
    await context.close()

    // The form fits a phone screen.
    const mobile = await newContext(browser, { viewport: MOBILE })
    await signInApi(mobile, server.url, 'admin')
    const mp = await mobile.newPage()
    await mp.goto(`${server.url}/console/units`)
    await mp.getByTestId('units-table').getByRole('button', { name: /城阳区/ }).first().click()
    await mp.locator('.el-drawer').getByTestId('unit-edit').click()
    await mp.getByTestId('unit-edit-dialog').waitFor()
    assert.equal(await mp.getByTestId('unit-edit-phone').inputValue(), phone)
    assert.equal(await hasHorizontalScroll(mp), false, 'edit dialog scrolls sideways')
    await screenshot(mp, 'console-unit-edit-zh-mobile', { fullPage: false })
    await mobile.close()
  })
})
