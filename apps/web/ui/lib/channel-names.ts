/** Twitch logins: 1–25 of a–z, 0–9, underscore (the server validates again; this is for the form). */
const LOGIN = /^[a-z0-9_]{1,25}$/;

/**
 * Reads what an operator typed or pasted into the join box: names separated by commas, spaces or
 * new lines, with or without `#`, any case. Answers the valid logins (deduplicated, in order) and
 * what was not a login.
 */
export function parseChannelList(text: string): { channels: string[]; invalid: string[] } {
  const channels: string[] = [];
  const invalid: string[] = [];
  const seen = new Set<string>();
  for (const raw of text.split(/[\s,;]+/)) {
    if (raw === '') continue;
    const login = raw.replace(/^#/, '').toLowerCase();
    if (!LOGIN.test(login)) {
      invalid.push(raw);
      continue;
    }
    if (seen.has(login)) continue;
    seen.add(login);
    channels.push(login);
  }
  return { channels, invalid };
}
