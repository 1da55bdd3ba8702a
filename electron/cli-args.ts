// Argument parsing and failure helpers shared by the command modules.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {}

export function fail(message: string, code = 1): never {
  process.stderr.write(message.endsWith('\n') ? message : message + '\n');
  process.exit(code);
}

export function parse(args: string[], options: ParseArgsConfig['options']) {
  try {
    const r = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values: r.values as Record<string, string | boolean | undefined>, positionals: r.positionals };
  } catch (e) {
    throw new UsageError(`参数有误：${(e as Error).message}`);
  }
}

