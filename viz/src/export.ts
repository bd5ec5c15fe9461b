/**
 * Exporting a chart: the SVG as drawn (charts use presentation attributes, so
 * the file needs no stylesheet), or a PNG rendered from it at twice the size.
 * Downloads go through blob: URLs; nothing leaves the browser.
 */

/** Hover helpers that must not appear in an exported picture. */
const interactive = ".hover-rule, .hover-dots, .hover-target"

/** A self-contained SVG document of the chart. */
export const svgText = (svg: SVGSVGElement): string => {
  const clone = svg.cloneNode(true) as SVGSVGElement
  for (const node of clone.querySelectorAll(interactive)) node.remove()
  clone.setAttribute("xmlns", "http://www.w3.org/2000/svg")
  clone.setAttribute("version", "1.1")
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}\n`
}

/** A file name from untrusted text: letters, digits, dot, dash and underscore only. */
export const safeFileName = (name: string): string => {
  const cleaned = name.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[-.]+|-+$/g, "").slice(0, 80)
  return cleaned === "" ? "chart" : cleaned
}

/** Offers a blob as a download. */
export const download = (blob: Blob, fileName: string): void => {
  const url = URL.createObjectURL(blob)
  const a = document.createElement("a")
  a.href = url
  a.download = fileName
  a.rel = "noopener"
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

export const downloadSvg = (svg: SVGSVGElement, name: string): void => {
  download(new Blob([svgText(svg)], { type: "image/svg+xml" }), `${safeFileName(name)}.svg`)
}

/** Renders the SVG on a canvas at `scale` × its size and downloads it as PNG. */
export const downloadPng = async (svg: SVGSVGElement, name: string, scale = 2): Promise<void> => {
  const width = Number(svg.getAttribute("width"))
  const height = Number(svg.getAttribute("height"))
  const url = URL.createObjectURL(new Blob([svgText(svg)], { type: "image/svg+xml" }))
  try {
    const image = new Image()
    image.decoding = "async"
    const loaded = new Promise<void>((resolve, reject) => {
      image.onload = () => resolve()
      image.onerror = () => reject(new Error("the chart could not be rendered as an image"))
    })
    image.src = url
    await loaded
    const canvas = document.createElement("canvas")
    canvas.width = Math.round(width * scale)
    canvas.height = Math.round(height * scale)
    const context = canvas.getContext("2d")
    if (context === null) throw new Error("no 2D canvas")
    context.fillStyle = "#fff"
    context.fillRect(0, 0, canvas.width, canvas.height)
    context.drawImage(image, 0, 0, canvas.width, canvas.height)
    const png = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/png"))
    if (png === null) throw new Error("the PNG could not be encoded")
    download(png, `${safeFileName(name)}.png`)
  } finally {
    URL.revokeObjectURL(url)
  }
}
