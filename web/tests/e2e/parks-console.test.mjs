import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { clickNav, openSignedIn, serverAndBrowserForSuite, skipReason, skipWithoutAuth } from './server.mjs'

// Parks in the console: Laoshan's staff (370212) open 园区管理, edit their park's summary in the
// form, and the portal's page of the park shows the new summary to an anonymous visitor.

describe('parks in the console', { skip: skipReason() }, () => {
  let server
  let browser
  serverAndBrowserForSuite((started, launched) => {
    server = started
    browser = launched
  })

  it('edits a park summary in the console and sees it on the portal', async (t) => {
    if (skipWithoutAuth(t, server)) return
    const { context, page, errors } = await openSignedIn(browser, server.url, '370212.staff')
    await page.goto(`${server.url}/console`)
    await clickNav(page, '园区管理')
    await page.getByTestId('park-table').waitFor()
    await page.getByTestId('park-edit-laoshan_vr').click()
    const summary = `崂山区虚拟现实产业园，测试简介 ${Date.now()}`
    await page.getByTestId('park-summary').fill(summary)
    await page.getByTestId('park-save').click()
    await page.getByTestId('park-save').waitFor({ state: 'hidden' })
    assert.deepEqual(errors, [])
    await context.close()

    const parks = await fetch(`${server.url}/api/v1/parks?q=VR`).then((r) => r.json())
    const laoshan = parks.items.find((p) => p.code === 'laoshan_vr')
    assert.ok(laoshan, 'the Laoshan park is on the portal')
    const visitor = await browser.newContext()
    const portal = await visitor.newPage()
    await portal.goto(`${server.url}/parks/${laoshan.id}`)
    await portal.getByTestId('park-title').waitFor()
    assert.equal((await portal.locator('.park__summary').textContent())?.trim(), summary)
    await visitor.close()
  })
})
