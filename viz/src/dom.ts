/**
 * Tiny DOM helpers. Data reaches the page only through textContent and
 * attribute values, never as markup: no innerHTML anywhere in the viewer.
 */

export const byId = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const element = document.getElementById(id)
  if (element === null) throw new Error(`#${id} is missing from index.html`)
  return element as T
}

export interface ElementOptions {
  readonly className?: string
  readonly text?: string
  readonly attrs?: Readonly<Record<string, string>>
}

export const el = <K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: ElementOptions = {},
  children: ReadonlyArray<Node> = [],
): HTMLElementTagNameMap[K] => {
  const element = document.createElement(tag)
  if (options.className !== undefined) element.className = options.className
  if (options.text !== undefined) element.textContent = options.text
  for (const [name, value] of Object.entries(options.attrs ?? {})) element.setAttribute(name, value)
  for (const child of children) element.append(child)
  return element
}

/** Removes every child. */
export const clear = (element: Element): void => element.replaceChildren()

/** Shortens a name for display; the full name stays available in a title. */
export const clip = (text: string, max = 40): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text)
