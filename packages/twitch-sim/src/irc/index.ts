export { formatMessage, IrcParseError, type IrcMessage, parseLine } from './message.js';
export { userSource } from './source.js';
export {
  escapeTagValue,
  formatTags,
  parseTags,
  TagWriter,
  type Tags,
  unescapeTagValue,
} from './tags.js';
