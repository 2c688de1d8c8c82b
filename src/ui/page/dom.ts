/**
 * Element builders. Children that are strings become text nodes and attribute
 * values go through setAttribute, so text from CLN can never become markup.
 */
export type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | undefined>;

function build<E extends Element>(element: E, attrs: Attrs, children: Child[]): E {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  element.append(...children.filter((c): c is Node | string | number => c !== null && c !== undefined && c !== false).map((c) => (typeof c === 'object' ? c : document.createTextNode(String(c)))));
  return element;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  return build(document.createElement(tag), attrs, children);
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): SVGElementTagNameMap[K] {
  return build(document.createElementNS(SVG_NS, tag), attrs, children);
}

export function button(label: string, onClick: () => void, attrs: Attrs = {}): HTMLButtonElement {
  const b = h('button', { type: 'button', ...attrs }, label);
  b.addEventListener('click', onClick);
  return b;
}

export const formatCount = (n: number): string => n.toLocaleString('en');

/**
 * The page's text, as the extension sent it in the shell (`data-strings` on #app, built with
 * l10n.t in each report's core/pageStrings.ts): the page has no text of its own.
 */
export function pageStrings<S>(): S {
  return JSON.parse(document.getElementById('app')?.dataset.strings ?? '{}') as S;
}

/** Fills `{0}`, `{1}` … of a translated message, as l10n.t does. */
export function format(message: string, ...args: (string | number)[]): string {
  return message.replace(/\{(\d+)\}/g, (match, i: string) => (args[Number(i)] === undefined ? match : String(args[Number(i)])));
}

/** Calls `apply` with the input's text once typing pauses, so a long table is filtered once per pause, not per key. */
export function onPausedInput(input: HTMLInputElement, apply: (text: string) => void, pauseMs = 150): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => apply(input.value), pauseMs);
  });
}
