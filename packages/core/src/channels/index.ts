export { ChannelEventBuffer, type ChannelEventBufferOptions } from './channel-event-buffer.js';
export { DatabaseChannelManager, type DatabaseChannelManagerOptions } from './database-channel-manager.js';
