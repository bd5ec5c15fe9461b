/**
 * A one-line progress bar on stderr for long runs. It draws nothing when
 * disabled (`--quiet`, or stderr is not a terminal, e.g. CI logs), nothing for
 * the first half second (short runs stay silent), then redraws at most ten
 * times a second; `finish` erases it so the summary prints on a clean screen.
 */
export interface Progress {
  /** `done` units of work out of the total */
  readonly update: (done: number) => void
  readonly finish: () => void
}

export interface ProgressOptions {
  readonly enabled: boolean
  readonly unit: string
  /** milliseconds before the first draw */
  readonly delay?: number
  /** milliseconds between draws */
  readonly interval?: number
  /** also show the rate (`12.5 runs/s`) */
  readonly rate?: boolean
  /** units already done when the bar starts (a resumed run): left out of the rate and the time left */
  readonly startAt?: number
}

const silent: Progress = { update: () => {}, finish: () => {} }

export const progressBar = (total: number, options: ProgressOptions): Progress => {
  if (!options.enabled || total <= 0) return silent
  const stream = process.stderr
  const start = performance.now()
  // AIGOV_PROGRESS_DELAY_MS lets tests see the bar on runs shorter than the default half second
  const delay = options.delay ?? Number(process.env.AIGOV_PROGRESS_DELAY_MS ?? 500)
  const interval = options.interval ?? 100
  let last = -Infinity
  let drawn = false
  const startAt = options.startAt ?? 0
  const draw = (done: number, now: number) => {
    const fraction = Math.min(1, done / total)
    const elapsed = (now - start) / 1000
    const fresh = total > startAt ? Math.min(1, (done - startAt) / (total - startAt)) : 1
    const left = fresh > 0 ? formatSeconds(elapsed * (1 / fresh - 1)) : "?"
    const rate = options.rate === true ? `, ${formatRate((done - startAt) / Math.max(elapsed, 1e-9))} ${options.unit}/s` : ""
    const tail = ` ${(fraction * 100).toFixed(0).padStart(3)}%  ${done}/${total} ${options.unit}${rate}, ${left} left`
    const columns = stream.columns > 0 ? stream.columns : 80
    const width = Math.max(10, Math.min(40, columns - tail.length - 3))
    const filled = Math.round(fraction * width)
    const line = `[${"#".repeat(filled)}${"-".repeat(width - filled)}]${tail}`
    stream.write(`\r\x1b[2K${line.slice(0, columns - 1)}`)
    drawn = true
  }
  return {
    update(done) {
      const now = performance.now()
      if (now - start < delay || now - last < interval) return
      last = now
      draw(done, now)
    },
    finish() {
      if (drawn) stream.write("\r\x1b[2K")
      drawn = false
    },
  }
}

export const formatRate = (perSecond: number): string =>
  perSecond >= 100 ? perSecond.toFixed(0) : perSecond >= 10 ? perSecond.toFixed(1) : perSecond.toFixed(2)

export const formatSeconds = (s: number): string => {
  if (s < 60) return `${s.toFixed(0)}s`
  const m = Math.floor(s / 60)
  if (m < 60) return `${m}m${String(Math.floor(s % 60)).padStart(2, "0")}s`
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}m`
}
