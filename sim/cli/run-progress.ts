import { formatRate, formatSeconds, progressBar } from "./progress.js"

/**
 * Progress of many runs on stderr: on a terminal, the progress bar of
 * progress.ts with runs done, runs per second and the time left; otherwise
 * (CI logs, a pipe) one plain line every tenth of the work and at least
 * once a minute, after the first second; nothing with --quiet.
 */
export interface RunProgress {
  readonly update: (done: number, total: number) => void
  readonly finish: () => void
}

export const runProgress = (label: string, options: { readonly quiet: boolean; readonly unit?: string }): RunProgress => {
  if (options.quiet) return { update: () => {}, finish: () => {} }
  const unit = options.unit ?? "runs"
  if (process.stderr.isTTY === true) {
    let bar: ReturnType<typeof progressBar> | undefined
    return {
      update(done, total) {
        bar ??= progressBar(total, { enabled: true, unit, rate: true, startAt: done })
        bar.update(done)
      },
      finish: () => bar?.finish(),
    }
  }
  let start = 0
  let startAt = 0
  let lastLine = 0
  let nextStep = 0
  let step = 1
  let total = -1
  return {
    update(done, all) {
      const now = performance.now()
      if (total < 0) {
        total = all
        start = now
        startAt = done
        lastLine = now
        step = Math.max(1, Math.ceil((all - done) / 10))
        nextStep = done + step
        return
      }
      // a line every tenth of the work and at least once a minute, none in the first second (short runs stay quiet)
      if (now - start < 1_000 || (done < nextStep && done < total && now - lastLine < 60_000)) return
      while (nextStep <= done) nextStep += step
      lastLine = now
      const seconds = (now - start) / 1000
      const rate = (done - startAt) / Math.max(seconds, 1e-9)
      const left = done >= total ? "done" : rate > 0 ? `${formatSeconds((total - done) / rate)} left` : "? left"
      process.stderr.write(`${label}: ${done}/${total} ${unit} (${Math.floor((done / Math.max(total, 1)) * 100)}%), ${formatRate(rate)} ${unit}/s, ${left}\n`)
    },
    finish: () => {},
  }
}
