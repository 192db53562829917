export * from './commands.js';
export * from './envelope.js';
export * from './reports.js';
export * from './results.js';
export * from './streams.js';
export * from './dead-letter.js';
export * from './gaps.js';
