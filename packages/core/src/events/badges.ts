/**
 * `badges` / `badge-info` (`name/version,name/version`) as `{ name: version }`. A version may
 * itself contain `/` (prediction badges), so only the first `/` splits. Null-prototype object,
 * like tags, since badge names come from the wire.
 */
export function parseBadges(value: string | undefined): Record<string, string> {
  const badges: Record<string, string> = Object.create(null);
  if (!value) return badges;
  for (const part of value.split(',')) {
    const slash = part.indexOf('/');
    if (slash === -1) {
      if (part !== '') badges[part] = '';
    } else if (slash > 0) {
      badges[part.slice(0, slash)] = part.slice(slash + 1);
    }
  }
  return badges;
}
