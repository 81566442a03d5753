// Browser tests in headless Chromium (Debian's, driven by playwright-core): the real server on a
// throwaway database with the Norfolk demo, pages checked with axe-core at WCAG 2.2 AA, and an
// officer's path: sign in, import a file through the form, see the table change.
//
// Usage: node tests/browser/browser_test.mjs BUILD_DIR
// Prints "N passed, N failed" last and exits non-zero on any failure.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'

import { password, start } from './harness.mjs'

const t = await start(process.argv[2], [['olivia', 'Olivia Officer', 'officer'], ['ada', 'Ada Admin', 'administrator']])
const { base, check, axe } = t
const dir = t.dir

await t.run(async () => {
  const page = await t.newPage()

  // Every page a visitor can reach, as the public and then as an officer.
  const publicPages = ['/', '/plans/2', '/plans/1', '/priorities/12', '/actions/1', '/areas', '/areas/E10000020', '/areas/E07000148?month=2025-06', '/indicators',
    '/indicators/Robbery?area=E07000148', '/login', '/no-such-page', '/areas/E07000148?month=2025-13',
    '/panels', '/panels/1', '/panels/3', '/meetings/2', '/meetings/2/agenda', '/meetings/2/minutes', '/requests',
    '/panels/1/work-programme', '/panels/3/work-programme', '/panels/3/rolling-programme', '/meetings/4/bulletin',
    '/meetings/4/complaints-report', '/decisions', '/pcc-activity', '/inspections', '/inspections/1', '/complaints',
    '/services', '/services/1', '/deadlines', '/deadlines?from=2022-12-20&count=10&counting=working_days_after',
    '/bank-holidays', '/exceptions', '/indicators/Burglary?area=E23000034', '/areas/E23000034']
  for (const path of publicPages) {
    const response = await page.goto(base + path)
    check(response.status() < 500, `${path} answers ${response.status()}`)
    await axe(page, path)
  }

  // The panel's five minutes, on a phone and on a desktop: the home page, what needs the
  // panel's attention, and an indicator's SPC chart and funnel plot.
  for (const width of [375, 1280]) {
    const phone = await (await t.newPage()).context().newPage()
    await phone.setViewportSize({ width, height: 800 })
    for (const path of ['/', '/exceptions', '/indicators/Public%20order?area=E23000034',
      '/indicators/Burglary?area=E10000020', '/areas/E10000020']) {
      await phone.goto(base + path)
      await axe(phone, `${path} at ${width} px`)
      const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
      check(overflow <= 0, `${path} at ${width} px has no sideways scrolling of the page (${overflow} px)`)
    }
    await phone.goto(`${base}/indicators/Public%20order?area=E23000034`)
    const narrow = await phone.isVisible('.app-chart-narrow svg')
    check(narrow === (width === 375), `at ${width} px the ${width === 375 ? 'narrow' : 'wide'} chart is the one shown`)
    // The chart's smallest text at its drawn size: at least 10 px on screen.
    const smallest = await phone.evaluate(() => {
      let min = Infinity
      for (const svg of document.querySelectorAll('.app-chart')) {
        if (!svg.getBoundingClientRect().width) continue
        for (const text of svg.querySelectorAll('text')) min = Math.min(min, text.getBoundingClientRect().height)
      }
      return min
    })
    check(smallest >= 10, `at ${width} px the chart's text is legible (${smallest.toFixed(1)} px high)`)
    check((await phone.textContent('main')).includes('Concern: unusually high'), `at ${width} px the chart's verdict is in words`)
    await phone.goto(`${base}/exceptions`)
    check((await phone.textContent('main')).includes('Public order in City of London Police'), `at ${width} px the exception page lists the City's public order`)
    await phone.close()
  }

  // An officer signs in.
  await page.goto(`${base}/login`)
  await page.fill('#username', 'olivia')
  await page.fill('#password', 'wrong password')
  await page.click('form[action="/login"] button[type=submit]')
  check((await page.textContent('.govuk-error-summary')).includes('The username or password is not right'),
    'a wrong password shows the error summary')
  await axe(page, '/login with an error')
  await page.fill('#password', password)
  await page.click('form[action="/login"] button[type=submit]')
  check((await page.textContent('body')).includes('Signed in as Olivia Officer (officer)'), 'the officer is signed in')

  // The table before: Norwich robbery for the 12 months to January 2026 is not in the data yet.
  await page.goto(`${base}/imports`)
  await axe(page, '/imports')
  const before = await (await fetch(`${base}/api/v1/indicators?month=2026-01`)).json()
  const norwichBefore = before.find(r => r.area_code === 'E07000148' && r.indicator === 'Robbery')

  // Import one more month through the form.
  const file = join(dir, '2026-01-norfolk-street.csv')
  const header = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context'
  const rows = []
  for (let i = 0; i < 7; i++) rows.push(`id${i},2026-01,Norfolk Constabulary,Norfolk Constabulary,1.29,52.63,On or near Market Street,E01033450,Norwich 013B,Robbery,Under investigation,`)
  writeFileSync(file, [header, ...rows].join('\n') + '\n')
  await page.check('#kind')
  await page.setInputFiles('#file', file)
  await page.click('form[action="/imports"] button[type=submit]')
  await page.waitForSelector('.govuk-panel--confirmation, .govuk-error-summary', { timeout: 5000 }).catch(async () => {
    console.log(`     at ${page.url()}: ${(await page.textContent('main')).replace(/\s+/g, ' ').slice(0, 400)}`)
  })
  check(await page.isVisible('.govuk-panel--confirmation'), 'the import finishes with a confirmation')
  check((await page.textContent('#import-lines')).includes('7 rows of Norfolk Constabulary (2026-01)'), 'the import says what it counted')
  await axe(page, 'import progress page')

  // The table after: January 2026 is in, so the 12 months to January 2026 change.
  await new Promise(resolve => setTimeout(resolve, 1200))
  const after = await (await fetch(`${base}/api/v1/indicators?month=2026-01`)).json()
  const norwichAfter = after.find(r => r.area_code === 'E07000148' && r.indicator === 'Robbery')
  check(norwichBefore && norwichBefore.last_12_months === null && norwichBefore.status === 'insufficient_data',
    'before: no Last 12 months to January 2026 (January 2026 is not in the data)')
  check(norwichAfter && Number.isInteger(norwichAfter.last_12_months) && norwichAfter.last_12_months >= 7,
    `after: Norwich robbery, 12 months to January 2026 = ${norwichAfter?.last_12_months}`)
  const areaPage = await page.goto(`${base}/areas/E07000148?month=2026-01`)
  check(areaPage.status() === 200, 'the area page for January 2026 answers')
  const seriesText = await (await page.goto(`${base}/indicators/Robbery?area=E07000148&month=2026-01`)).text()
  check(seriesText.includes('January 2026</th><td class="govuk-table__cell govuk-table__cell--numeric">7</td>'),
    'the indicator page shows the imported month: 7 robberies in Norwich in January 2026')
  await axe(page, 'indicator page after the import')

  // The officer edits an action of the delivery plan: its status, and an update.
  await page.goto(`${base}/plans/2`)
  await axe(page, '/plans/2 (signed in)')
  await page.click('a:text-is("2.1")')
  await axe(page, 'action page with its forms')
  await page.selectOption('#status', 'on_track')
  await page.click('form[action$="/1"] button[type=submit]')
  check((await page.textContent('.govuk-summary-list')).includes('On track'), 'the action shows its new status')
  await page.fill('#due', 'next spring')
  await page.click('form[action$="/1"] button[type=submit]')
  check((await page.textContent('.govuk-error-summary')).includes('Enter the due date as YYYY-MM, YYYY-MM-DD or Ongoing'),
    'a wrong due date shows the error summary')
  await axe(page, 'action page with an error')
  await page.goto(`${base}/actions/1`)
  await page.fill('#update-text', 'Evidence base agreed by the Vulnerable Adolescents Group.')
  await page.click('form[action$="/updates"] button[type=submit]')
  check((await page.textContent('main')).includes('Evidence base agreed by the Vulnerable Adolescents Group.'),
    'the new update is on the action page')
  const plans = await (await fetch(`${base}/api/v1/plans`)).json()
  const action = plans.flatMap(p => p.actions).find(a => a.id === 1)
  check(action?.status === 'on_track', 'the API shows the action on track')

  // The officer's main path through a panel's meetings: arrange a meeting, add an item, record
  // attendance, minute a resolution and a request; the request is carried to the next meeting's
  // agenda as a matter arising until it is answered.
  await page.goto(`${base}/panels`)
  await page.click('a:text-is("Norfolk Countywide Community Safety Partnership Scrutiny Sub Panel")')
  await axe(page, 'panel page with the meeting form')
  await page.fill('#meeting-date', '2027-06-10')
  await page.fill('#meeting-time', '10am')
  await page.fill('#meeting-venue', 'Council Chamber, County Hall, Norwich')
  await page.click('form[action$="/meetings"] button[type=submit]')
  check((await page.textContent('.govuk-error-summary')).includes('Enter the time as HH:MM'), 'a wrong time shows the error summary')
  await axe(page, 'panel page with an error')
  await page.fill('#meeting-time', '10:00')
  await page.click('form[action$="/meetings"] button[type=submit]')
  check((await page.textContent('main')).includes('Members to Declare any Interests'), 'the new meeting has the standard items')
  const firstMeeting = page.url()
  await axe(page, 'meeting page with its forms')
  await page.fill('#item-title', 'Partnership Priority - Prevent')
  await page.fill('#item-page', '23')
  await page.click('form[action$="/items"] button[type=submit]')
  check((await page.textContent('main')).includes('Partnership Priority - Prevent (Page 23)'), 'the item is on the agenda with its page')
  for (const select of await page.$$('#attendance-form select')) await select.selectOption('present')
  await page.click('#attendance-form button[type=submit]')
  check((await page.textContent('main')).includes('Quorate'), 'the quorum is checked per item once attendance is recorded')
  const items = await page.$$eval('#minute-item option', options => options.map(o => o.value))
  await page.selectOption('#minute-item', items[items.length - 1])
  await page.selectOption('#minute-verb', 'noted')
  await page.fill('#minute-text', 'the report.')
  await page.click('form[action$="/minutes"] button[type=submit]')
  await page.selectOption('#request-item', items[items.length - 1])
  await page.fill('#request-text', 'Evaluation of the Prevent member training, with numbers.')
  await page.click('form[action$="/requests"] button[type=submit]')
  check((await page.textContent('main')).includes('Evaluation of the Prevent member training, with numbers.'), 'the request is recorded under its item')
  await page.goto(`${base}/panels`)
  await page.click('a:text-is("Norfolk Countywide Community Safety Partnership Scrutiny Sub Panel")')
  await page.fill('#meeting-date', '2027-09-23')
  await page.fill('#meeting-time', '10:00')
  await page.fill('#meeting-venue', 'Council Chamber, County Hall, Norwich')
  await page.click('form[action$="/meetings"] button[type=submit]')
  const secondMeeting = page.url()
  await page.goto(`${secondMeeting}/agenda`)
  check((await page.textContent('main')).includes('Evaluation of the Prevent member training, with numbers.'), 'the open request is on the next agenda as a matter arising')
  await axe(page, 'published agenda with matters arising')
  await page.locator('tr', { hasText: 'Evaluation of the Prevent member training' }).locator('a:text-is("Information request")').click()
  await axe(page, 'request page with its form')
  await page.selectOption('#request-status', 'answered')
  await page.fill('#response', 'The risk review was completed in July 2027.')
  await page.selectOption('#answered-at', { label: '23 September 2027' })
  await page.click('form[action^="/requests/"] button[type=submit]')
  check((await page.textContent('.govuk-summary-list strong.govuk-tag')).trim() === 'Answered', 'the request is answered')
  await page.goto(`${firstMeeting}/minutes`)
  check((await page.textContent('main')).includes('NOTED'), 'the minutes show the resolution')
  await axe(page, 'published minutes')
  await page.goto(`${base}/requests?status=open`)
  check(!(await page.textContent('main')).includes('Evaluation of the Prevent member training'), 'an answered request leaves the open list')
  await axe(page, '/requests?status=open')

  // Signed in, every page again.
  for (const path of ['/', '/areas/E10000020', '/indicators/All%20crime', '/priorities/12', '/plans/3',
    '/panels/3/work-programme', '/panels/3/rolling-programme', '/decisions', '/inspections/1', '/complaints',
    '/services/1', '/meetings/4/bulletin']) {
    await page.goto(base + path)
    await axe(page, `${path} (signed in)`)
  }

  // An administrator adds a user in the app.
  const admin = await t.newPage()
  await t.signIn(admin, 'ada')
  await admin.goto(`${base}/admin/users`)
  await axe(admin, '/admin/users')
  await admin.fill('#new-username', 'pat')
  await admin.fill('#display-name', 'Pat Panel')
  await admin.selectOption('#role', 'panel_member')
  await admin.fill('#new-password', 'short')
  await admin.click('form[action="/admin/users"] button[type=submit]')
  check((await admin.textContent('.govuk-error-summary')).includes('at least 12 characters'), 'a short password is refused')
  await axe(admin, '/admin/users with an error')
  await admin.fill('#new-password', 'a long enough password')
  await admin.click('form[action="/admin/users"] button[type=submit]')
  check((await admin.textContent('table')).includes('Pat Panel'), 'the administrator added a panel member')
})
