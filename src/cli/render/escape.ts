/** Escaping for the file renderers (HTML handout, iCalendar). Pure. */

/** Text for HTML element content and quoted attribute values: every markup character escaped. */
export function escapeHtml(s: unknown): string {
  return String(s ?? '').replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** An address a link may point at: http(s) only (never javascript:, data:, file:), else null. */
export function safeHref(url: unknown): string | null {
  if (typeof url !== 'string') return null;
  const u = url.trim();
  if (!/^https?:\/\/[^\s<>"'`]+$/i.test(u)) return null;
  try {
    const parsed = new URL(u);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}
