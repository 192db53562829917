export { type LineInfo, scanLine } from './lazy-line.js';
export { type IrcMessage, parseIrcLine } from './parse.js';
export { type IrcSource, parseSource } from './source.js';
export { unescapeTagValue } from './tag-escape.js';
