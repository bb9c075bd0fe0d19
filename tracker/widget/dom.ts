type Child = Node | string;

/** An element with attributes and children; strings become text nodes, never HTML. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string>,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

/** A labelled input or textarea. */
export function field<K extends 'input' | 'textarea'>(
  tag: K,
  label: string,
  attrs: Record<string, string>,
): { label: HTMLLabelElement; input: HTMLElementTagNameMap[K] } {
  const input = el(tag, attrs);
  return { label: el('label', {}, label, input), input };
}

export function show(node: HTMLElement, visible: boolean): void {
  node.hidden = !visible;
}
