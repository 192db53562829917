import { packageProject } from '@tmi-cluster/vitest-preset';

export default packageProject('@tmi-cluster/db');
