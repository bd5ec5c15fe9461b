import { byId } from "./dom.js"

/** The one tooltip of the page: lines of text next to the pointer. */

export interface TooltipLine {
  readonly text: string
  /** a colour swatch before the text */
  readonly colour?: string
}

export const showTooltip = (event: MouseEvent, title: string, lines: ReadonlyArray<TooltipLine>): void => {
  const tip = byId("tooltip")
  const rows = lines.map((line) => {
    const row = document.createElement("div")
    if (line.colour !== undefined) {
      const swatch = document.createElement("span")
      swatch.className = "swatch"
      swatch.style.backgroundColor = line.colour
      row.append(swatch)
    }
    row.append(document.createTextNode(line.text))
    return row
  })
  const head = document.createElement("div")
  head.className = "tooltip-title"
  head.textContent = title
  tip.replaceChildren(head, ...rows)
  tip.hidden = false
  const pad = 14
  const { innerWidth, innerHeight } = window
  const box = tip.getBoundingClientRect()
  let left = event.clientX + pad
  let top = event.clientY + pad
  if (left + box.width > innerWidth - 4) left = Math.max(4, event.clientX - pad - box.width)
  if (top + box.height > innerHeight - 4) top = Math.max(4, event.clientY - pad - box.height)
  tip.style.left = `${left}px`
  tip.style.top = `${top}px`
}

export const hideTooltip = (): void => {
  byId("tooltip").hidden = true
}
