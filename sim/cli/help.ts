/**
 * Help text for effect/cli descriptions, which indents only the first line:
 * paragraphs are wrapped at `width` columns and every following line is
 * indented to match. A paragraph with line breaks of its own is kept as is
 * (a list or a table).
 */
export const helpText = (paragraphs: ReadonlyArray<string>, width = 92): string =>
  paragraphs
    .map((p) => (p.includes("\n") ? p : wrap(p, width)))
    .join("\n\n")
    .split("\n")
    .map((line, i) => (i === 0 || line === "" ? line : `  ${line}`))
    .join("\n")

const wrap = (text: string, width: number): string => {
  const lines: Array<string> = []
  let line = ""
  for (const word of text.split(/\s+/)) {
    if (word === "") continue
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line)
      line = word
    } else {
      line = line === "" ? word : `${line} ${word}`
    }
  }
  if (line !== "") lines.push(line)
  return lines.join("\n")
}
