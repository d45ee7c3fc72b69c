// What a message shows of what a user controls: a text or a list the user can make as long as a
// 100 kB body allows. A message says what is wrong; it does not echo the whole input back.

/** At most `max` characters of a text, `...` marking the cut. */
export function shorten(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}

/** The first `max` items joined by `, `, then how many more: "a, b, c, d, e and 2996 more". */
export function listed(items: readonly string[], max = 5): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}
