import type { TestProjectConfiguration } from 'vitest/config';

/** Shared vitest project settings: node environment, `source` condition, test/ and src/ tests. */
export function packageProject(name: string, test?: Record<string, unknown>): TestProjectConfiguration;
