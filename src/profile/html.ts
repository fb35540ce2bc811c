/**
 * Putting untrusted text into an HTML page: as element text or an
 * attribute value, and as JSON inside a `<script>` element.
 */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe as an element's content or a quoted attribute's value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/**
 * `value` as JSON that can sit inside a `<script>` element: `<`, `>` and `&`
 * are written as `\u003c`..., so no `</script>` or `<!--` can end or change
 * the element, and U+2028/U+2029 as escapes, which older JavaScript parsers
 * took for line ends. `JSON.parse` of the element's text gives `value` back.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
