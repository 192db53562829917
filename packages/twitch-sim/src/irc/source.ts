/** The `login!login@login.tmi.twitch.tv` source of a user's lines on Twitch. */
export function userSource(login: string): string {
  return `${login}!${login}@${login}.tmi.twitch.tv`;
}
