// What every browser test needs: the real server on a throwaway database loaded with the Norfolk
// demo, headless Chromium (Debian's, driven by playwright-core), axe-core at WCAG 2.2 AA, a
// pass/fail tally, and signing in.
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const require = createRequire(import.meta.url)
const { chromium } = require('playwright-core')
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

export const password = 'browser test password'

// Fills the day, month and year boxes of the GOV.UK date input `id` with the day `days` from
// today (UTC; negative: before today).
export async function fillDate (page, id, days) {
  const d = new Date(Date.now() + days * 86400000)
  await page.fill(`#${id}-day`, String(d.getUTCDate()))
  await page.fill(`#${id}-month`, String(d.getUTCMonth() + 1))
  await page.fill(`#${id}-year`, String(d.getUTCFullYear()))
}

// Starts the server for `users` ([username, display name, role]) and returns the harness.
export async function start (buildDir, users) {
  const build = resolve(buildDir ?? 'build')
  const binary = join(build, 'scrutineer')
  const dir = mkdtempSync(join(tmpdir(), 'scrutineer-browser-'))
  const database = join(dir, 'browser.db')
  const port = 20000 + Math.floor(Math.random() * 20000)
  const base = `http://127.0.0.1:${port}`
  const t = { base, dir, binary, database, passed: 0, failed: 0 }

  t.check = (ok, what) => {
    if (ok) t.passed++
    else t.failed++
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`)
  }

  t.cli = (...args) => {
    const r = spawnSync(binary, args, { input: password + '\n', encoding: 'utf8' })
    if (r.status !== 0) throw new Error(`scrutineer ${args.join(' ')}: ${r.stderr}`)
    return r.stdout
  }

  t.cli('demo', '--database', database)
  for (const [username, name, role] of users) {
    t.cli('user', 'add', '--database', database, '--username', username, '--name', name, '--role', role)
  }

  const server = spawn(binary, ['serve', '--database', database, '--port', String(port)], { stdio: 'ignore' })
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-quic']
  })
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break
    } catch {}
    if (i === 100) throw new Error('the server did not start')
    await new Promise(resolve => setTimeout(resolve, 100))
  }

  // A new browser context (its own cookies); bypassCSP lets axe-core be injected, the pages
  // themselves forbid inline scripts.
  t.newPage = async () => {
    const page = await (await browser.newContext({ bypassCSP: true })).newPage()
    page.setDefaultTimeout(15000)
    return page
  }

  t.axe = async (page, name) => {
    await page.addScriptTag({ content: axeSource })
    const result = await page.evaluate(async () =>
      // eslint-disable-next-line no-undef
      await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } }))
    for (const v of result.violations) console.log(`     ${v.id}: ${v.help} (${v.nodes.length}) ${v.nodes[0]?.target}`)
    t.check(result.violations.length === 0, `axe WCAG 2.2 AA: ${name} (${result.violations.length} violations)`)
  }

  t.signIn = async (page, username) => {
    await page.goto(`${base}/login`)
    await page.fill('#username', username)
    await page.fill('#password', password)
    await page.click('form[action="/login"] button[type=submit]')
  }

  // Runs the test body, then stops everything and exits with the tally.
  t.run = async (body) => {
    try {
      await body()
    } catch (e) {
      t.check(false, `browser test stopped: ${e.message}`)
    } finally {
      await browser.close()
      server.kill('SIGTERM')
      rmSync(dir, { recursive: true, force: true })
    }
    console.log(`${t.passed} passed, ${t.failed} failed`)
    process.exit(t.failed ? 1 : 0)
  }
  return t
}
