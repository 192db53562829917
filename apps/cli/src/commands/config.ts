import type { Command } from 'commander';
import { loadConfig, redactConfig } from '../config/index.js';

/** `tmi-cluster config`: validates the configuration and prints it resolved, secrets redacted. */
export function registerConfigCommand(program: Command, out: (line: string) => void = console.log): void {
  program
    .command('config')
    .description(
      'Validate the configuration (file + TMI_CLUSTER_* env) and print it resolved, secrets redacted',
    )
    .option(
      '-c, --config <file>',
      'config file (default: tmi-cluster.config.{ts,js,mjs,json} in the working directory)',
    )
    .option('--check', 'only validate: print nothing but errors')
    .action(async (opts: { config?: string; check?: boolean }) => {
      const loaded = await loadConfig(opts.config ? { file: opts.config } : {});
      if (opts.check) return;
      out(
        `# from ${loaded.file ?? 'defaults (no config file)'}${loaded.envKeys.length ? ` + ${loaded.envKeys.join(', ')}` : ''}`,
      );
      out(JSON.stringify(redactConfig(loaded.config), null, 2));
    });
}
