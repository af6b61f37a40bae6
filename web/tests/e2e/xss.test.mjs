import assert from 'node:assert/strict'
import { readFileSync, existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, it } from 'node:test'
import { newContext, serverAndBrowserForSuite, signInApi, skipReason, skipWithoutAuth, webDir } from './server.mjs'

// Stored XSS (issue 7): every payload of the server's corpus is stored as a policy body, and its
// page is opened in Chromium; no payload may run script (payloads set `window.__xss` or open a
// dialog when they run).

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

describe('stored XSS in policy bodies', { skip: skipReason() }, () => {
  let server
  let browser
  serverAndBrowserForSuite((started, launched) => {
    server = started
    browser = launched
  })

  it('renders every payload of the corpus without running script', async (t) => {
    if (skipWithoutAuth(t, server)) return
    const missing = !existsSync(CORPUS) ? `no corpus at ${CORPUS}` : (await fetch(`${server.url}/api/v1/documents`)).status === 404 ? 'the server has no /api/v1/documents yet' : null
    if (missing) {
      if (process.env.ZHAOYIN_E2E_REQUIRED === '1') throw new Error(missing)
      return t.skip(missing)
    }
    const list = payloads()
    assert.ok(list.length >= 10, 'the corpus has payloads')

    // Policies go through the bureau's review: Laoshan's lead writes and submits, the bureau publishes.
    const author = await newContext(browser)
    await signInApi(author, server.url, '370212.lead')
    const bureau = await newContext(browser)
    await signInApi(bureau, server.url, 'bureau')
    const ids = []
    for (const [i, body] of list.entries()) {
      const doc = await api(author, server.url, 'POST', '/api/v1/documents', {
        type: 'policy',
        title: `XSS 语料 ${i + 1}`,
        summary: 'XSS',
        body_html: body,
        body_html_en: body,
        region: '370212',
        dimension: 'investment_policy',
      })
      const submitted = await api(author, server.url, 'POST', `/api/v1/documents/${doc.id}/submit`)
      if (submitted.status !== 'published') await api(bureau, server.url, 'POST', `/api/v1/documents/${doc.id}/publish`)
      ids.push(doc.id)
    }
    await author.close()
    await bureau.close()

    const reader = await newContext(browser)
    const page = await reader.newPage()
    const dialogs = []
    page.on('dialog', (d) => {
      dialogs.push(d.message())
      void d.dismiss()
    })
    const failures = []
    for (const [i, id] of ids.entries()) {
      for (const lang of ['zh-CN', 'en']) {
        await page.evaluate((l) => window.localStorage?.setItem('zhaoyin.locale', l), lang).catch(() => {})
        await page.goto(`${server.url}/documents/${id}`)
        await page.getByTestId('doc-title').waitFor()
        await page.getByTestId('article-body').waitFor({ state: 'attached' })
        // Give event-handler payloads (onerror, onload, animations) the time to fire.
        await page.waitForTimeout(150)
        const flag = await page.evaluate(() => window.__xss)
        if (flag !== undefined) failures.push(`payload ${i + 1} (${lang}) ran: ${list[i]}`)
        const scripts = await page.locator('[data-testid="article-body"] script, [data-testid="article-body"] iframe, [data-testid="article-body"] object, [data-testid="article-body"] embed').count()
        if (scripts > 0) failures.push(`payload ${i + 1} (${lang}) left an active element: ${list[i]}`)
      }
    }
    assert.deepEqual(failures, [])
    assert.deepEqual(dialogs, [])
    await reader.close()
  })
})
