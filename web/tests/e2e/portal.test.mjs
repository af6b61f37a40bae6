import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  DESKTOP,
  MOBILE,
  hasHorizontalScroll,
  newContext,
  screenshot,
  skipReason,
  watchErrors,
  serverAndBrowserForSuite,
} from './server.mjs'

const DISTRICTS_ZH = ['市南区', '市北区', '黄岛区', '崂山区', '李沧区', '城阳区', '即墨区', '胶州市', '平度市', '莱西市']

describe('portal', { skip: skipReason() }, () => {
  let server
  let browser

  serverAndBrowserForSuite((started, launched) => {
    server = started
    browser = launched
  })

  it('home page shows both platforms and links to the directory', async () => {
    const context = await newContext(browser)
    const page = await context.newPage()
    const errors = watchErrors(page)
    await page.goto(`${server.url}/`)
    await page.getByTestId('directory-cta').waitFor()
    assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN')
    assert.match(await page.locator('header').innerText(), /招引 · 青岛/)
    await screenshot(page, 'portal-home-zh-desktop')
    await page.getByTestId('directory-cta').click()
    await page.waitForURL(/\/directory$/)
    await page.locator('[data-testid="group-district"] [data-unit-type="district"]').first().waitFor()
    assert.deepEqual(errors, [])
    await context.close()
  })

  it('directory lists the 10 districts with click-to-call phones', async () => {
    const context = await newContext(browser)
    const page = await context.newPage()
    const errors = watchErrors(page)
    const langs = []
    page.on('request', (req) => {
      if (req.url().includes('/api/v1/units')) langs.push(req.headers()['accept-language'])
    })
    await page.goto(`${server.url}/directory`)
    const districts = page.locator('[data-testid="group-district"] article[data-unit-type="district"]')
    await districts.first().waitFor()
    assert.equal(await districts.count(), 10)
    const names = await districts.locator('h3').allInnerTexts()
    for (const name of DISTRICTS_ZH) assert.ok(names.some((n) => n.includes(name)), `${name} in ${names.join(',')}`)
    const tel = page.locator('a[href^="tel:"]')
    assert.ok((await tel.count()) > 0, 'at least one tel: link')
    assert.deepEqual(langs, ['zh-CN'])
    await screenshot(page, 'portal-directory-zh-desktop')

    await page.getByTestId('directory-search').fill('城阳')
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="group-district"] article[data-unit-type="district"]').length === 1,
    )
    assert.match(await page.getByTestId('directory-count').innerText(), /\d/)
    assert.match(page.url(), /q=/)
    await page.getByTestId('directory-search').fill('没有这个单位zzz')
    await page.getByTestId('state-empty').waitFor()
    assert.deepEqual(errors, [])
    await context.close()
  })

  it('switches to English, remembers it across reloads and sends Accept-Language', async () => {
    const context = await newContext(browser, { viewport: DESKTOP })
    const page = await context.newPage()
    const errors = watchErrors(page)
    await page.goto(`${server.url}/directory`)
    await page.locator('[data-unit-type="district"]').first().waitFor()
    await page.locator('[data-testid="lang-switch"] [data-lang="en"]').click()
    await page.getByText('Chengyang District', { exact: true }).first().waitFor()
    assert.equal(await page.locator('html').getAttribute('lang'), 'en')
    assert.match(await page.getByTestId('nav').innerText(), /Directory/)
    await screenshot(page, 'portal-directory-en-desktop')

    const langs = []
    page.on('request', (req) => {
      if (req.url().includes('/api/v1/units')) langs.push(req.headers()['accept-language'])
    })
    await page.reload()
    await page.getByText('Chengyang District', { exact: true }).first().waitFor()
    assert.equal(await page.locator('html').getAttribute('lang'), 'en')
    assert.equal(await page.evaluate(() => localStorage.getItem('zhaoyin.locale')), 'en')
    assert.deepEqual(langs, ['en'])
    assert.match(await page.title(), /Directory · Zhaoyin · Qingdao/)

    await page.goto(`${server.url}/`)
    await page.getByTestId('directory-cta').waitFor()
    await screenshot(page, 'portal-home-en-desktop')

    await page.locator('[data-testid="lang-switch"] [data-lang="zh-CN"]').click()
    await page.getByTestId('nav').getByText('机构名录').waitFor()
    assert.equal(await page.evaluate(() => localStorage.getItem('zhaoyin.locale')), 'zh-CN')
    assert.deepEqual(errors, [])
    await context.close()
  })

  for (const locale of ['zh-CN', 'en']) {
    it(`fits a 375 px screen without horizontal scrolling (${locale})`, async () => {
      const context = await newContext(browser, { viewport: MOBILE, locale })
      const page = await context.newPage()
      const errors = watchErrors(page)
      const tag = locale === 'en' ? 'en' : 'zh'

      await page.goto(`${server.url}/`)
      await page.getByTestId('directory-cta').waitFor()
      assert.equal(await hasHorizontalScroll(page), false, 'home scrolls sideways')
      assert.equal(await page.getByTestId('nav').isVisible(), false, 'desktop nav hidden on mobile')
      await screenshot(page, `portal-home-${tag}-mobile`)

      await page.getByTestId('menu-toggle').click()
      const menu = page.getByTestId('mobile-menu')
      await menu.waitFor({ state: 'visible' })
      await screenshot(page, `portal-menu-${tag}-mobile`)
      await menu.getByRole('link', { name: locale === 'en' ? 'Directory' : '机构名录' }).click()
      await page.waitForURL(/\/directory$/)
      await page.locator('[data-unit-type="district"]').first().waitFor()
      assert.equal(await menu.isVisible(), false, 'menu closes after navigation')
      assert.equal(await page.locator('[data-testid="group-district"] article[data-unit-type="district"]').count(), 10)
      assert.equal(await hasHorizontalScroll(page), false, 'directory scrolls sideways')
      await screenshot(page, `portal-directory-${tag}-mobile`)
      assert.deepEqual(errors, [])
      await context.close()
    })
  }

  it('serves deep links and shows a not-found page for unknown paths', async () => {
    const context = await newContext(browser)
    const page = await context.newPage()
    const res = await page.goto(`${server.url}/no/such/page`)
    assert.ok(res && res.status() < 500)
    await page.getByText('页面不存在', { exact: true }).waitFor()
    await context.close()
  })
})
