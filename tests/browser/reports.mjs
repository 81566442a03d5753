// Browser test of the published documents (issue #6), in headless Chromium on a throwaway
// database with the Norfolk demo: the meeting page's "Documents to download" and every format of
// the 4 February 2020 performance monitoring report as a visitor gets it, the report as a web
// page, and an officer writing its suggested approach (a point before its question refused with
// the error summary, then saved and in the report). Each page is checked with axe-core at
// WCAG 2.2 AA.
//
// Usage: node tests/browser/reports.mjs BUILD_DIR
// Prints "N passed, N failed" last and exits non-zero on any failure.
import { start } from './harness.mjs'

const t = await start(process.argv[2], [['olivia', 'Olivia Officer', 'officer']])
const { base, check, axe } = t

await t.run(async () => {
  const visitor = await t.newPage()
  // The demo's 4 February 2020 meeting of the Police and Crime Panel is meeting 3.
  await visitor.goto(`${base}/meetings/3`)
  await axe(visitor, 'meeting page with its documents')
  const links = await visitor.$$eval('#documents ~ table a', as => as.map(a => a.getAttribute('href')))
  for (const file of ['agenda', 'minutes', 'performance-report']) {
    for (const ext of ['pdf', 'docx', 'xlsx', 'html']) {
      check(links.includes(`/meetings/3/${file}.${ext}`), `the meeting page links ${file}.${ext}`)
    }
  }
  const types = {
    pdf: 'application/pdf',
    docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    html: 'text/html; charset=utf-8'
  }
  for (const [ext, type] of Object.entries(types)) {
    const r = await fetch(`${base}/meetings/3/performance-report.${ext}`)
    check(r.status === 200 && r.headers.get('content-type') === type,
      `performance-report.${ext} is ${type} (${r.status} ${r.headers.get('content-type')})`)
    const bytes = new Uint8Array(await r.arrayBuffer())
    const magic = ext === 'pdf' ? '%PDF' : ext === 'html' ? '<!DO' : 'PK\u0003\u0004'
    check(String.fromCharCode(...bytes.slice(0, 4)) === magic, `performance-report.${ext} starts as its format does`)
  }

  await visitor.goto(`${base}/meetings/3/performance-report.html`)
  check((await visitor.textContent('body')).includes('Suggested approach from Jo Martin'),
    'the report as a web page has its cover report')
  check((await visitor.textContent('body')).includes('Number of Robbery Crimes'),
    'the report as a web page has the published tables')
  await axe(visitor, 'the performance report as a web page')

  // An officer writes the suggested approach.
  const officer = await t.newPage()
  await t.signIn(officer, 'olivia')
  await officer.goto(`${base}/meetings/3`)
  await officer.click('a:has-text("Write the suggested approach")')
  await axe(officer, 'the suggested approach form')
  const areas = await officer.$$('textarea')
  check(areas.length === 2, 'a box for each of the two priorities in focus')
  await areas[1].fill('- A point with no question before it.')
  await officer.click('form[action$="/suggested-approach"] button[type=submit]')
  check((await officer.textContent('.govuk-error-summary')).includes('Priority 4, line 1'),
    'a point before its question shows the error summary')
  await axe(officer, 'the suggested approach form with an error')
  await (await officer.$$('textarea'))[1].fill(
    'How the PCC is preventing offending, including:\n- Knife crime.\nReoffending.')
  await officer.click('form[action$="/suggested-approach"] button[type=submit]')
  check(officer.url().endsWith('/meetings/3#documents'), 'saving goes back to the meeting')
  await officer.goto(`${base}/meetings/3/performance-report.html`)
  const text = await officer.textContent('body')
  check(text.includes('How the PCC is preventing offending, including:') && text.includes('Knife crime.'),
    'the report has the new questions')
})
