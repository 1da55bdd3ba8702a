// Argument parsing and failure helpers shared by the command modules.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { isIsoDate, type IsoDate } from '../shared/dates.js';

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
    throw new UsageError(`参数有误：${parseArgsMessage(e as Error & { code?: string })}`);
  }
}

/** node:util parseArgs speaks English; the usual mistakes are said in Chinese, naming the option. */
function parseArgsMessage(e: Error & { code?: string }): string {
  const option = /'(-{1,2}[^' <]+)/.exec(e.message)?.[1] ?? '';
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `不认识的选项 ${option}。`;
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (/argument missing/.test(e.message)) return `选项 ${option} 后面缺少取值。`;
    if (/ambiguous/.test(e.message)) return `选项 ${option} 后面的取值以“-”开头，像另一个选项；如果它就是取值，请写成 ${option}=取值。`;
    if (/does not take an argument/.test(e.message)) return `选项 ${option} 不带取值。`;
  }
  return e.message;
}

/** --port: a decimal integer 0–65535, 0 meaning any free port. "0x10", "1e3", "8080.0", "+80" are refused, not read as numbers. */
export function parsePort(text: string): number {
  if (!/^[0-9]{1,5}$/.test(text) || Number(text) > 65535) {
    throw new UsageError(`--port 应为 0 到 65535 之间的十进制整数（0 表示任选一个空闲端口），收到「${text}」。`);
  }
  return Number(text);
}


/** A date option (--today): a real calendar day written YYYY-MM-DD, nothing looser ("2026-2-3", "2026-02-30", "2026/02/03"). */
export function parseDay(option: string, text: string): IsoDate {
  if (!isIsoDate(text)) throw new UsageError(`${option} 应为 YYYY-MM-DD 格式的日期（例如 2026-11-25），且须是日历上存在的日子，收到「${text}」。`);
  return text;
}
