// Progressive enhancement only: every page works without JavaScript.
import { initAll } from '/javascripts/govuk-frontend.min.js'
initAll()

// An import's page follows its progress without reloading when JavaScript is available.
const progress = document.getElementById('import-progress')
if (progress && document.getElementById('import-status')) {
  const url = progress.dataset.jobUrl
  const poll = async () => {
    const job = await (await fetch(url, { credentials: 'same-origin' })).json()
    if (job.finished) {
      window.location.reload()
      return
    }
    document.getElementById('import-status').textContent = `Importing: ${job.done} of ${job.total} files done.`
    const bar = document.getElementById('import-bar')
    bar.value = job.total ? Math.floor((job.done * 100) / job.total) : 0
    setTimeout(poll, 500)
  }
  setTimeout(poll, 500)
}
