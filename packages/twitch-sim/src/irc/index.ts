export { formatMessage, IrcParseError, type IrcMessage, parseLine } from './message.js';
export { escapeTagValue, formatTags, parseTags, type Tags, unescapeTagValue } from './tags.js';
