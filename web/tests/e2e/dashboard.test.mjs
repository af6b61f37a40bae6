import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { MOBILE, hasHorizontalScroll, openSignedIn, screenshot, skipReason, serverAndBrowserForSuite } from './server.mjs'

// The leaders' dashboards (issue 6): each module and the big screen in Chinese and English (the
// screenshots are looked at), a figure's drill-down whose list total equals the figure, the ranking
// pages, and a live update reaching the big screen after a project update made elsewhere.

const MODULES = ['overview', 'sources', 'undertaking', 'ranking', 'stages', 'industries']
const WIDE = { width: 1440, height: 1000 }
const WALL = { width: 1920, height: 1080 }

/** Waits until a module shows its figures or its empty state. */
async function moduleShown(page, module) {
  await page.locator(`[data-testid="dashboard-${module}"], [data-testid="state-empty"]`).first().waitFor({ timeout: 20_000 })
  // Charts draw in an animation frame or two.
  await page.waitForTimeout(900)
}

async function apiJson(context, url, path, { method = 'GET', data } = {}) {
  const me = method === 'GET' ? null : await (await context.request.get(`${url}/api/v1/auth/me`)).json()
  const res = await context.request.fetch(`${url}${path}`, { method, data, headers: me ? { 'X-CSRF-Token': me.csrf_token } : {} })
  if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`)
  return res.json()
}

describe('leaders’ dashboards', { skip: skipReason() }, () => {
  let server
  let browser

  serverAndBrowserForSuite((started, launched) => {
    server = started
    browser = launched
  })

  for (const locale of ['zh-CN', 'en']) {
    it(`shows every module to a city leader (${locale})`, async () => {
      const { context, page, errors } = await openSignedIn(browser, server.url, 'leader', { viewport: WIDE, locale })
            for (const module of MODULES) {
        await page.goto(`${server.url}/console/dashboard/${module}`)
        await moduleShown(page, module)
        // Units are ranked on all their projects: the ranking offers no industry or source filter.
        const projectFilters = module === 'ranking' ? 0 : 1
        assert.equal(await page.getByTestId('filter-industry').count(), projectFilters, `${module}: industry filter`)
        assert.equal(await page.getByTestId('filter-source').count(), projectFilters, `${module}: source filter`)
        await screenshot(page, `dashboard-${module}-${locale}`)
      }
      // The overview counts projects: its figures are links to the list.
      await page.goto(`${server.url}/console/dashboard/overview`)
      await moduleShown(page, 'overview')
      assert.ok((await page.getByTestId('figure-link').count()) > 0, 'the overview has drill links')
      // The district map is installed by the set-up scripts; without it the same figures show as a table.
      await page.locator('[data-testid="city-map"] canvas, [data-testid="city-map-table"]').first().waitFor()
      assert.deepEqual(errors, [])
      await context.close()
    })
  }

  it('is usable on a phone: the charts stack, nothing scrolls sideways', async () => {
    const { context, page, errors } = await openSignedIn(browser, server.url, 'leader', { viewport: MOBILE })
    await page.goto(`${server.url}/console/dashboard/stages`)
    await moduleShown(page, 'stages')
    assert.equal(await hasHorizontalScroll(page), false)
    await screenshot(page, 'dashboard-stages-phone')
    assert.deepEqual(errors, [])
    await context.close()
  })

  it('opens the projects behind a figure, and the list total equals the figure', async () => {
    const { context, page, errors } = await openSignedIn(browser, server.url, 'leader', { viewport: WIDE })
    await page.goto(`${server.url}/console/dashboard/stages`)
    await moduleShown(page, 'stages')
    const link = page.locator('[data-testid="stages-per-stage"] [data-testid="figure-link"]').filter({ hasNotText: /^0$/ }).first()
    const figure = Number((await link.textContent()).trim())
    const drill = await link.getAttribute('data-drill')
    assert.ok(figure > 0, 'a stage with projects')
    // The API agrees with itself: the drill list's total is the figure.
    const list = await apiJson(context, server.url, `/api/v1/projects?${drill}&page_size=1`)
    assert.equal(list.total, figure)
    // Keyboard: the figure is a focusable link.
    await link.focus()
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/console\/projects\?/)
    await page.getByTestId('projects-count').waitFor()
    assert.match(await page.getByTestId('projects-count').textContent(), new RegExp(`\\b${figure}\\b`))
    await screenshot(page, 'dashboard-drill-list')

    // A stage-flow move opens the projects that made it, as many as it counts.
    await page.goto(`${server.url}/console/dashboard/stages`)
    await moduleShown(page, 'stages')
    const move = page.locator('[data-testid="stages-flow-table"] [data-testid="figure-link"]').first()
    const moved = Number((await move.textContent()).trim())
    assert.ok(moved > 0, 'a move with projects')
    await move.click()
    await page.waitForURL(/\/console\/projects\?.*entered_stage=/)
    await page.getByTestId('projects-count').waitFor()
    assert.match(await page.getByTestId('projects-count').textContent(), new RegExp(`\\b${moved}\\b`))
    assert.deepEqual(errors, [])
    await context.close()
  })

  it('shows the ranking pages and the indicator editor to the bureau', async () => {
    const { context, page, errors } = await openSignedIn(browser, server.url, 'bureau', { viewport: WIDE })
    await page.goto(`${server.url}/console/rankings/live`)
    await page.locator('[data-testid="ranking-live"], [data-testid="state-empty"]').first().waitFor({ timeout: 20_000 })
    await screenshot(page, 'ranking-live-zh')
    // Publishing asks first.
    await page.getByTestId('ranking-publish').click()
    await page.locator('.el-message-box').waitFor()
    await screenshot(page, 'ranking-publish-confirm', { fullPage: false })
    await page.locator('.el-message-box .el-button--primary').click()
    await page.waitForURL(/\/console\/rankings\/\d+$/, { timeout: 20_000 })
    await page.getByTestId('snapshot-title').waitFor()
    await screenshot(page, 'ranking-snapshot-zh')

    await page.goto(`${server.url}/console/rankings/config`)
    await page.getByTestId('ranking-config').waitFor()
    // A negative weight is refused by the server and explained under the field.
    await page.locator('input[data-testid="weight-0"]').fill('-1')
    await page.getByTestId('config-save').click()
    await page.getByTestId('error-metrics-0-weight').waitFor()
    await screenshot(page, 'ranking-config-422')

    await page.goto(`${server.url}/console/dashboard/indicators`)
    await page.getByTestId('indicators-grid').waitFor()
    await screenshot(page, 'dashboard-indicators')
    assert.deepEqual(
      errors.filter((e) => !e.includes('status of 422')),
      [],
    )
    await context.close()
  })

  for (const locale of ['zh-CN', 'en']) {
    it(`shows the big screen on a wall display (${locale})`, async () => {
      const { context, page, errors } = await openSignedIn(browser, server.url, 'leader', { viewport: WALL, locale })
            await page.goto(`${server.url}/console/screen`)
      await page.getByTestId('screen-refreshed').waitFor({ timeout: 20_000 })
      await page.waitForTimeout(1200)
      assert.equal(await page.getByTestId('nav').count(), 0, 'no console chrome')
      await screenshot(page, `dashboard-screen-${locale}`, { fullPage: false })
      assert.deepEqual(errors, [])
      await context.close()
    })
  }

  it('updates the big screen live after a project update made in another browser', async () => {
    const wall = await openSignedIn(browser, server.url, 'leader', { viewport: WALL })
        await wall.page.goto(`${server.url}/console/screen`)
    await wall.page.getByTestId('screen-refreshed').waitFor({ timeout: 20_000 })
    await wall.page.locator('[data-testid="big-screen"][data-live="open"]').waitFor({ timeout: 20_000 })
    const before = await wall.page.getByTestId('screen-refreshed').textContent()
    // A mark on the window survives only if the page is not reloaded.
    await wall.page.evaluate(() => (window.__sameDocument = true))
    const loads = []
    wall.page.on('request', (req) => {
      if (req.url().includes('/api/v1/dashboard/')) loads.push(req.url())
    })

    // The bureau, in its own browser context, moves a project on.
    const bureau = await openSignedIn(browser, server.url, 'bureau', { viewport: WIDE })
    const { items } = await apiJson(bureau.context, server.url, '/api/v1/projects?page_size=1')
    assert.ok(items.length > 0, 'a demo project')
    await apiJson(bureau.context, server.url, `/api/v1/projects/${items[0].id}/updates`, { method: 'POST', data: { text: '大屏实时更新测试：已完成现场踏勘。' } })

    await wall.page.locator('[data-testid="big-screen"]:not([data-live-refreshes="0"])').waitFor({ timeout: 15_000 })
    await wall.page.waitForFunction((old) => document.querySelector('[data-testid="screen-refreshed"]')?.textContent !== old, before, { timeout: 15_000 })
    assert.ok(loads.length > 0, 'the figures were fetched again')
    assert.equal(await wall.page.evaluate(() => window.__sameDocument), true, 'no reload')
    await screenshot(wall.page, 'dashboard-screen-live', { fullPage: false })
    assert.deepEqual(wall.errors, [])
    await bureau.context.close()
    await wall.context.close()
  })
})
