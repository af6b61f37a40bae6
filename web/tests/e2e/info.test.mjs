import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { MOBILE, hasHorizontalScroll, newContext, screenshot, serverAndBrowserForSuite, signInApi, signInUi, skipReason, skipWithoutAuth, watchErrors } from './server.mjs'

// Information and consultation (issue 7): search 人才 from the portal home, open a Laoshan (崂山区)
// policy, ask about it; `370212.staff` answers in another browser context and the answer appears
// on the investor's page without reloading. Also the English portal at phone width.

const LAOSHAN = '370212'

/** A JSON request with the context's session and CSRF token. */
async function api(context, url, method, path, data) {
  const me = await (await context.request.get(`${url}/api/v1/auth/me`)).json()
  const res = await context.request.fetch(`${url}${path}`, { method, headers: { 'X-CSRF-Token': me.csrf_token ?? '' }, data })
  if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`)
  return res.json()
}

function required(t, reason) {
  if (process.env.ZHAOYIN_E2E_REQUIRED === '1') throw new Error(reason)
  t.skip(reason)
}

/**
 * A published talent policy of Laoshan's that search finds by 人才: one of the demo documents, or
 * else one created (and published by the Laoshan lead) through the API.
 */
async function laoshanPolicy(browser, url) {
  const found = await fetch(`${url}/api/v1/search?q=${encodeURIComponent('人才')}&type=policy&region=${LAOSHAN}`).then((r) => r.json())
  // The district filter also finds the city-wide policies: keep Laoshan's own.
  for (const hit of found.items ?? []) {
    const doc = await fetch(`${url}/api/v1/documents/${hit.id}`).then((r) => r.json())
    if (doc.document?.region === LAOSHAN) return { id: hit.id, title: hit.title }
  }
  const context = await newContext(browser)
  try {
    await signInApi(context, url, `${LAOSHAN}.lead`)
    const made = await api(context, url, 'POST', '/api/v1/documents', {
      type: 'policy',
      title: '崂山区高层次人才安家补贴实施办法（测试）',
      summary: '引进的高层次人才可申请安家补贴。',
      body_html: '<p>对引进的高层次<strong>人才</strong>给予安家补贴。</p>',
      region: LAOSHAN,
      dimension: 'talent',
      industries: [],
      issued_on: '2026-01-05',
      effective_on: '2026-01-05',
    })
    const doc = made.document ?? made
    const submitted = await api(context, url, 'POST', `/api/v1/documents/${doc.id}/submit`).catch(() => null)
    if ((submitted?.document ?? submitted)?.status !== 'published') {
      const bureau = await newContext(browser)
      await signInApi(bureau, url, 'bureau')
      await api(bureau, url, 'POST', `/api/v1/documents/${doc.id}/publish`)
      await bureau.close()
    }
    return { id: doc.id, title: doc.title }
  } finally {
    await context.close()
  }
}

describe('information and consultation', { skip: skipReason() }, () => {
  let server
  let browser
  serverAndBrowserForSuite((started, launched) => {
    server = started
    browser = launched
  })

  it('finds a policy from the home page, asks about it, and sees the answer arrive live', async (t) => {
    if (skipWithoutAuth(t, server)) return
    for (const path of ['/api/v1/search?q=x', '/api/v1/documents']) {
      const status = await fetch(`${server.url}${path}`).then((r) => r.status)
      if (status === 404) return required(t, `the server has no ${path} yet`)
    }
    const policy = await laoshanPolicy(browser, server.url)

    const investor = await newContext(browser)
    const page = await investor.newPage()
    const errors = watchErrors(page)
    await signInUi(page, server.url, { area: 'portal', login: 'investor' })
    await page.goto(`${server.url}/`)
    await page.getByTestId('home-search').fill('人才')
    await page.keyboard.press('Enter')
    await page.waitForURL((u) => u.pathname === '/search' && u.searchParams.get('q') === '人才')
    const hits = page.getByTestId('search-hit')
    await hits.first().waitFor()
    assert.ok((await hits.count()) >= 1)
    assert.ok((await page.locator('[data-testid="search-hit"] mark').count()) >= 1, 'matches are highlighted')
    await screenshot(page, 'info-search-zh')

    await page.goto(`${server.url}/documents/${policy.id}`)
    await page.getByTestId('doc-title').waitFor()
    assert.equal((await page.getByTestId('doc-title').textContent()).trim(), policy.title)
    assert.match(await page.getByTestId('doc-issuer').textContent(), /崂山/)
    await screenshot(page, 'info-policy-zh')

    await page.getByTestId('consult-policy').click()
    const dialog = page.getByTestId('consult-dialog')
    await dialog.waitFor()
    assert.match(await dialog.getByTestId('consult-context').textContent(), /政策/)
    await dialog.getByTestId('consult-question').fill('在站博士后可以申请安家补贴吗？需要哪些材料？')
    await dialog.getByTestId('consult-send').click()
    await dialog.getByTestId('consult-done').waitFor()
    assert.match(await dialog.getByTestId('consult-unit').textContent(), /崂山/)
    assert.match(await dialog.getByTestId('consult-due').textContent(), /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/)
    await screenshot(page, 'info-consult-sent-zh', { fullPage: false })
    await dialog.getByTestId('consult-open').click()
    await page.getByTestId('consult-waiting').waitFor()
    const consultationId = Number(/\/consultations\/(\d+)/.exec(page.url())?.[1])
    assert.ok(consultationId > 0)
    await page.evaluate(() => (window.__zyMark = 'still-here'))

    // Laoshan's staff answer from the console, in another browser context.
    const staff = await newContext(browser)
    const console_ = await staff.newPage()
    await signInUi(console_, server.url, { area: 'console', login: `${LAOSHAN}.staff` })
    await console_.goto(`${server.url}/console/consultations`)
    await console_.locator(`[data-consultation-id="${consultationId}"]`).waitFor()
    await screenshot(console_, 'info-console-inbox-zh')
    await console_.goto(`${server.url}/console/consultations/${consultationId}`)
    await console_.getByTestId('answer-text').fill('可以。在站博士后按 B 类人才条件申请，请携带在站证明到区人才服务中心办理。')
    await console_.getByTestId('answer-send').click()
    await console_.getByTestId('consult-answer').waitFor()
    await screenshot(console_, 'info-console-answered-zh')

    const answer = page.getByTestId('consult-answer')
    await answer.waitFor({ timeout: 15_000 })
    assert.match(await answer.textContent(), /在站博士后按 B 类人才条件申请/)
    assert.equal(await page.evaluate(() => window.__zyMark), 'still-here', 'the answer arrived without a reload')
    await screenshot(page, 'info-answer-live-zh')
    assert.deepEqual(errors, [])
    await staff.close()
    await investor.close()
  })

  it('lists parks, filters them by district, and a question on a park goes to its zone', async (t) => {
    if (skipWithoutAuth(t, server)) return
    const status = await fetch(`${server.url}/api/v1/parks`).then((r) => r.status)
    if (status === 404) return required(t, 'the server has no /api/v1/parks yet')
    const investor = await newContext(browser)
    const page = await investor.newPage()
    const errors = watchErrors(page)
    await signInUi(page, server.url, { area: 'portal', login: 'investor' })
    await page.goto(`${server.url}/`)
    await page.getByTestId('entry-parks').click()
    await page.waitForURL((u) => u.pathname === '/parks')
    const cards = page.getByTestId('park-card')
    await cards.first().waitFor()
    assert.equal(await cards.count(), 12)
    await screenshot(page, 'info-parks-zh')

    // Huangdao's (黄岛区) parks: the three zones in it.
    await page.goto(`${server.url}/parks?region=370211`)
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="park-card"]').length === 3)
    const codes = await cards.evaluateAll((els) => els.map((e) => e.getAttribute('data-park-code')))
    assert.deepEqual(codes, ['west_coast', 'sino_german', 'iecz'])

    await page.locator('[data-park-code="sino_german"] [data-testid="park-link"]').click()
    await page.getByTestId('park-title').waitFor()
    assert.equal((await page.getByTestId('park-title').textContent()).trim(), '中德生态园')
    assert.match(await page.getByTestId('park-district-name').textContent(), /黄岛区/)
    await screenshot(page, 'info-park-zh')
    await page.getByTestId('consult-park').click()
    const dialog = page.getByTestId('consult-dialog')
    await dialog.getByTestId('consult-question').fill('园区内还有多少可用工业用地？')
    await dialog.getByTestId('consult-send').click()
    await dialog.getByTestId('consult-done').waitFor()
    assert.match(await dialog.getByTestId('consult-unit').textContent(), /中德生态园/)
    assert.deepEqual(errors, [])
    await investor.close()
  })

  it('lists policies in force by default and expired ones, marked, only when asked', async (t) => {
    if (skipWithoutAuth(t, server)) return
    const page = await (await newContext(browser)).newPage()
    const errors = watchErrors(page)
    const expired = await fetch(`${server.url}/api/v1/documents?type=policy&status=expired`).then((r) => r.json())
    if (!expired.total) return required(t, 'the demo has no expired policy')
    const inForce = await fetch(`${server.url}/api/v1/documents?type=policy&page_size=200`).then((r) => r.json())
    assert.equal(inForce.items.filter((d) => d.status === 'expired').length, 0, 'the default list leaves expired ones out')

    await page.goto(`${server.url}/policies?q=${encodeURIComponent(expired.items[0].title)}`)
    await page.getByTestId('doc-words').waitFor()
    await page.waitForLoadState('networkidle')
    assert.equal(await page.locator('[data-testid="doc-card"]').count(), 0, 'not listed by default')
    await page.goto(`${server.url}/policies?valid=all&q=${encodeURIComponent(expired.items[0].title)}`)
    const card = page.locator(`[data-doc-id="${expired.items[0].id}"]`)
    await card.waitFor()
    assert.equal(await card.getByTestId('validity').getAttribute('data-validity'), 'expired')
    assert.equal((await card.getByTestId('validity').textContent()).trim(), '已失效')
    await screenshot(page, 'info-policies-expired-zh')
    await card.getByTestId('doc-link').click()
    await page.getByTestId('doc-title').waitFor()
    assert.equal((await page.getByTestId('validity').textContent()).trim(), '已失效')
    assert.deepEqual(errors, [])
    await page.context().close()
  })

  it('is usable in English at phone width', async (t) => {
    if (skipWithoutAuth(t, server)) return
    const status = await fetch(`${server.url}/api/v1/documents`).then((r) => r.status)
    if (status === 404) return required(t, 'the server has no /api/v1/documents yet')
    const context = await newContext(browser, { viewport: MOBILE, locale: 'en' })
    const page = await context.newPage()
    const errors = watchErrors(page)
    for (const [path, name, ready] of [
      ['/', 'info-home-en-phone', 'home-search'],
      ['/search?q=talent', 'info-search-en-phone', 'search-input'],
      ['/policies', 'info-policies-en-phone', 'dimension-tabs'],
      ['/costs', 'info-costs-en-phone', null],
      ['/directory?tab=services', 'info-services-en-phone', 'service-category'],
      ['/lounge', 'info-lounge-en-phone', 'lounge-economies'],
      ['/lounge/DE', 'info-lounge-de-en-phone', 'lounge-desk'],
      ['/parks', 'info-parks-en-phone', 'park-card'],
    ]) {
      await page.goto(`${server.url}${path}`)
      if (ready) await page.getByTestId(ready).first().waitFor()
      await page.waitForLoadState('networkidle')
      assert.equal(await hasHorizontalScroll(page), false, `${path} scrolls sideways`)
      const text = await page.locator('main').innerText()
      assert.doesNotMatch(text, /\b(content|search|consult|lounge|parks)\.[a-z]+/, `${path} shows a missing translation`)
      await screenshot(page, name)
    }
    await page.goto(`${server.url}/`)
    await page.getByTestId('home-search').fill('talent')
    await page.keyboard.press('Enter')
    await page.waitForURL((u) => u.pathname === '/search')
    await page.getByTestId('search-results').or(page.getByTestId('search-none')).first().waitFor()
    // Results show the English title where a document has one.
    const found = await fetch(`${server.url}/api/v1/search?q=talent`).then((r) => r.json())
    assert.ok(found.items.some((item) => item.title_en), 'a talent document has an English title')
    const shown = (await page.getByTestId('search-hit-link').allTextContents()).map((text) => text.trim())
    const expected = found.items.map((item) => item.title_en ?? item.title)
    const n = Math.min(shown.length, expected.length)
    assert.ok(n > 0, 'talent finds documents')
    assert.deepEqual(shown.slice(0, n), expected.slice(0, n))
    assert.deepEqual(errors, [])
    await context.close()
  })
})
