import assert from 'node:assert/strict'
import { readFileSync, existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, it } from 'node:test'
import { newContext, serverAndBrowserForSuite, signInApi, skipReason, skipWithoutAuth, webDir } from './server.mjs'

// Stored XSS (issue 7): every payload of the server's corpus is stored as a policy body, and its
// page is opened in Chromium with the Content-Security-Policy bypassed, so that the sanitiser alone
// is tested; no payload may run script (payloads set `window.__xss` or open a dialog when they
// run). A positive control proves the detector fires when script does run, and a benign body
// keeps its allowed markup (bold, links, tables).

const CORPUS = resolve(webDir, '../server/tests/data/xss_payloads.txt')

/** The corpus: one payload a line; blank lines and `#` comments skipped. */
function payloads() {
  return readFileSync(CORPUS, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
}

async function api(context, url, method, path, data) {
  const me = await (await context.request.get(`${url}/api/v1/auth/me`)).json()
  const res = await context.request.fetch(`${url}${path}`, { method, headers: { 'X-CSRF-Token': me.csrf_token ?? '' }, data })
  if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`)
  const body = await res.json()
  return body.document ?? body
}

const ACTIVE = ['script', 'iframe', 'object', 'embed'].map((tag) => `[data-testid="article-body"] ${tag}`).join(', ')

/**
 * The detector the tests share: it records dialogs (alert, confirm, prompt) the page opens, and
 * `check()` reports whether script ran since the last check (a payload sets `window.__xss` or
 * opens a dialog) and how many active elements the body holds.
 */
function watchExecution(page) {
  const dialogs = []
  let reported = 0
  page.on('dialog', (d) => {
    dialogs.push(d.message())
    void d.dismiss()
  })
  return {
    dialogs,
    async check() {
      // Give event-handler payloads (onerror, onload, animations) the time to fire.
      await page.waitForTimeout(150)
      const fresh = dialogs.length - reported
      reported = dialogs.length
      return {
        ran: (await page.evaluate(() => window.__xss)) !== undefined || fresh > 0,
        active: await page.locator(ACTIVE).count(),
      }
    },
  }
}

/**
 * A reader whose browser ignores the server's Content-Security-Policy: the policy forbids inline
 * script, so under it no injected handler would run whatever the sanitiser let through. Without
 * it, the sanitiser alone must hold.
 */
function readerWithoutCsp(browser) {
  return browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', bypassCSP: true })
}

/**
 * Publishes policies with these fields: Laoshan's lead writes and submits each, and the bureau
 * publishes it where it reviews the type. Returns their ids, in order.
 */
async function publishPolicies(browser, url, list) {
  const author = await newContext(browser)
  await signInApi(author, url, '370212.lead')
  const bureau = await newContext(browser)
  await signInApi(bureau, url, 'bureau')
  const ids = []
  for (const fields of list) {
    const doc = await api(author, url, 'POST', '/api/v1/documents', { type: 'policy', summary: 'XSS', region: '370212', dimension: 'investment_policy', ...fields })
    const submitted = await api(author, url, 'POST', `/api/v1/documents/${doc.id}/submit`)
    if (submitted.status !== 'published') await api(bureau, url, 'POST', `/api/v1/documents/${doc.id}/publish`)
    ids.push(doc.id)
  }
  await author.close()
  await bureau.close()
  return ids
}

/** Why this suite cannot run against this server, or null. */
async function missingPart(url) {
  if (!existsSync(CORPUS)) return `no corpus at ${CORPUS}`
  if ((await fetch(`${url}/api/v1/documents`)).status === 404) return 'the server has no /api/v1/documents yet'
  return null
}

describe('stored XSS in policy bodies', { skip: skipReason() }, () => {
  let server
  let browser
  serverAndBrowserForSuite((started, launched) => {
    server = started
    browser = launched
  })

  it('renders every payload of the corpus without running script', async (t) => {
    if (skipWithoutAuth(t, server)) return
    const missing = await missingPart(server.url)
    if (missing) {
      if (process.env.ZHAOYIN_E2E_REQUIRED === '1') throw new Error(missing)
      return t.skip(missing)
    }
    const list = payloads()
    assert.ok(list.length >= 10, 'the corpus has payloads')

    const ids = await publishPolicies(
      browser,
      server.url,
      list.map((body, i) => ({ title: `XSS 语料 ${i + 1}`, body_html: body, body_html_en: body })),
    )

    const reader = await readerWithoutCsp(browser)
    const page = await reader.newPage()
    const detector = watchExecution(page)
    const failures = []
    for (const [i, id] of ids.entries()) {
      for (const lang of ['zh-CN', 'en']) {
        await page.evaluate((l) => window.localStorage?.setItem('zhaoyin.locale', l), lang).catch(() => {})
        await page.goto(`${server.url}/documents/${id}`)
        await page.getByTestId('doc-title').waitFor()
        await page.getByTestId('article-body').waitFor({ state: 'attached' })
        const found = await detector.check()
        if (found.ran) failures.push(`payload ${i + 1} (${lang}) ran: ${list[i]}`)
        if (found.active > 0) failures.push(`payload ${i + 1} (${lang}) left an active element: ${list[i]}`)
      }
    }
    assert.deepEqual(failures, [])
    assert.deepEqual(detector.dialogs, [])
    await reader.close()
  })

  // The positive control: the same detector, on the same page and reader, fires when script does
  // run. The test itself puts unsanitised payloads of the corpus into the rendered body (as a
  // sanitiser that let them through would), so a silent detector cannot pass the test above. With
  // the server's Content-Security-Policy in force, the same injection does not run at all.
  it('would catch script running: the detector fires on unsanitised payloads', async (t) => {
    if (skipWithoutAuth(t, server)) return
    const missing = await missingPart(server.url)
    if (missing) return t.skip(missing)
    const [id] = await publishPolicies(browser, server.url, [{ title: 'XSS 对照', body_html: '<p>对照</p>' }])

    const reader = await readerWithoutCsp(browser)
    const page = await reader.newPage()
    const detector = watchExecution(page)
    const open = async () => {
      await page.goto(`${server.url}/documents/${id}`)
      await page.getByTestId('article-body').waitFor({ state: 'attached' })
    }
    const inject = (html) => page.evaluate((h) => (document.querySelector('[data-testid="article-body"]').innerHTML = h), html)

    await open()
    assert.deepEqual(await detector.check(), { ran: false, active: 0 }, 'quiet on the sanitised page')
    // An event handler setting the flag, as the corpus's flag payloads do.
    await inject('<img src="x:" onerror="window.__xss = 1">')
    assert.equal((await detector.check()).ran, true, 'the flag is seen')
    // A corpus payload opening a dialog, unsanitised.
    await open()
    const alerting = payloads().find((p) => p === '<img src=x onerror=alert(1)>')
    assert.ok(alerting, 'the corpus has the onerror alert payload')
    await inject(alerting)
    assert.equal((await detector.check()).ran, true, 'the dialog is seen')
    assert.deepEqual(detector.dialogs, ['1'])
    // An active element left in the body.
    await open()
    await inject('<iframe src="about:blank"></iframe>')
    assert.equal((await detector.check()).active, 1, 'the active element is seen')
    await reader.close()

    // The second layer: under the policy, the injected handler is refused.
    const guarded = await newContext(browser)
    const guardedPage = await guarded.newPage()
    const guardedDetector = watchExecution(guardedPage)
    await guardedPage.goto(`${server.url}/documents/${id}`)
    await guardedPage.getByTestId('article-body').waitFor({ state: 'attached' })
    await guardedPage.evaluate(() => (document.querySelector('[data-testid="article-body"]').innerHTML = '<img src="x:" onerror="window.__xss = 1">'))
    assert.equal((await guardedDetector.check()).ran, false, 'the Content-Security-Policy blocks inline handlers')
    await guarded.close()
  })

  // Allowed formatting survives the sanitiser and renders: bold, links, tables.
  it('renders a benign formatted body with its allowed markup', async (t) => {
    if (skipWithoutAuth(t, server)) return
    const missing = await missingPart(server.url)
    if (missing) return t.skip(missing)
    const body =
      '<p>对<strong>高层次人才</strong>给予补贴，详见<a href="https://www.qingdao.gov.cn/policy/1">实施细则</a>。</p>' +
      '<table><thead><tr><th>类别</th><th>补贴</th></tr></thead><tbody><tr><td>A 类</td><td>100 万元</td></tr><tr><td>B 类</td><td>50 万元</td></tr></tbody></table>'
    const [id] = await publishPolicies(browser, server.url, [{ title: '格式化正文', body_html: body }])

    const reader = await newContext(browser)
    const page = await reader.newPage()
    const detector = watchExecution(page)
    await page.goto(`${server.url}/documents/${id}`)
    const article = page.getByTestId('article-body')
    await article.waitFor({ state: 'attached' })
    assert.equal((await article.locator('strong').textContent()).trim(), '高层次人才')
    const link = article.locator('a')
    assert.equal(await link.getAttribute('href'), 'https://www.qingdao.gov.cn/policy/1')
    assert.equal((await link.textContent()).trim(), '实施细则')
    assert.equal(await article.locator('table th').count(), 2)
    assert.deepEqual(await article.locator('table tbody td').allTextContents(), ['A 类', '100 万元', 'B 类', '50 万元'])
    assert.deepEqual(await detector.check(), { ran: false, active: 0 })
    await reader.close()
  })
})
