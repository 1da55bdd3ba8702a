// yanpan — the command line: serve the app, list and call API methods, build a demo register.
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { contract } from '../shared/contract/index.js';
import { openCore, openCoreToRead } from './core.js';
import { defaultDbPath, machineDataDir } from './paths.js';
import { RENDERER_DIR } from './renderer-dir.js';
import { startWebHost } from './webhost.js';
import { createChromiumPrinter } from './print/chromium.js';
import { openRecoverableCore } from './recovery.js';
import { fail, parse, parseDay, parsePort, UsageError } from './cli-args.js';
import { clockOnDay } from './clock.js';
import { START_WORK_DONE_LINE } from './startWork.js';
import { backupCmd, checkCmd, exportCmd, importCmd, restoreCmd } from './cli-data.js';
import { briefKindOf } from '../shared/briefs/request.js';
import { dbErrorInChinese } from '../db/sqliteErrors.js';
import { cliCaller, unlockForCli } from './cli-auth.js';
import { encryptInPlace } from './encryptHost.js';
import { isEncrypted } from '../db/keyring.js';
import type { DemoAccount } from '../shared/accounts.js';
import { webAuthFor } from './webAuth.js';
import { countAccounts } from '../db/accounts.js';
import { isInitialized } from '../db/settings.js';
import { auditCmd, recoverCmd, setupCmd } from './cli-setup.js';

const USAGE = `风险研判台 命令行

用法：
  yanpan serve [--db 文件] [--port 端口] [--demo] [--as-of YYYY-MM-DD] [--today YYYY-MM-DD]
                                   启动网页版（仅本机 127.0.0.1）。--today 把程序的“今天”固定为该日
                                   （供测试与演示：所有规则和页面都以它为今天）；未给 --as-of 时示例数据也截至该日
  yanpan setup --db 文件 --city 城市 --prefix 前缀 --regions 区县,区县 --admin 账号 [--name 姓名]
                                   首次设置：单位名称、编号前缀、下辖区县和第一个系统管理员（密码在终端输入，
                                   或由 YANPAN_PASSWORD 给出；不设默认密码）；随即加密台账并输出只显示一次的恢复密钥
  yanpan recover --admin 账号 [--db 文件]
                                   全部密码遗失时：凭密封保存的恢复密钥为系统管理员重设密码（恢复密钥与新密码在终端输入，
                                   或由 YANPAN_RECOVERY_KEY、YANPAN_NEW_PASSWORD 给出；登录后须再改一次密码）
  yanpan audit verify [--head 链头] [--db 文件]
                                   校验审计链（审计管理员）：报告第一处断开；给出记下的链头时，
                                   还能发现在它之前被改写并重新计算的链；有问题时退出码 1
  yanpan methods                   列出全部 API 方法及其输入格式（JSON）
  yanpan call 方法 [JSON] [--db 文件]
                                   调用一个方法，结果以 JSON 输出
  yanpan demo --db 文件 [--risks N] [--seed S] [--as-of YYYY-MM-DD]
                                   生成江城市示例台账（确定性，最多 100000 条）；新文件随即加密，
                                   输出示例账号的一次性密码和恢复密钥
  yanpan brief --kind 类型 [--meeting 编号] [--sample 样张] [--as-of YYYY-MM-DD] [--from 日期 --to 日期] [--top N] [--appendix] [--preview]
               [--docx] --out 文件 [--db 文件] [--copies N]
                                   生成简报PDF（或 --docx 生成Word）。类型：专报、纪要、交办单、督办单、议程、台账
                                   （或 weekly、minutes、assignment、supervision、agenda、register）。
                                   纪要/交办单/议程取 --meeting 指定的会议，未指定时取最近一次会议；
                                   专报给出 --meeting 时写入该会的研判意见和交办事项；督办单列截至 --as-of 的全部超期事项
  yanpan import 文件 --db 文件 [--sheet 工作表] [--mapping 映射.json] [--dry-run]
                                   导入 .xlsx/.csv 台账；--dry-run 只输出预演报告（JSON），不写入
  yanpan export --db 文件 --out 文件.xlsx|.csv
                                   导出风险台账
  yanpan backup --db 文件 --out 文件
                                   在线备份数据库到指定文件
  yanpan restore --db 文件 --from 备份文件
                                   检查备份后恢复（当前数据库先保存到备份文件夹）
  yanpan check --db 文件            完整性、外键与结构版本检查；有问题时退出码 1
  yanpan bench [--risks N] [--runs N] [--suite 名称] [--quick] [--no-cache] [--json 文件]
                                   性能基准：各查询经调度器与独立 SQL 的中位数耗时及比值（JSON）；
                                   --quick 为 npm test 中的守卫（2 万条台账，只比比值，上限 3 倍）

登录：call、brief、import、export 等命令以账号身份执行并记入审计：在终端中会询问账号和密码，
脚本中请设置环境变量 YANPAN_USER 和 YANPAN_PASSWORD。密码连续错误 5 次锁定 10 分钟（与网页登录合计）。

未给 --db 时使用本机公用文件夹中的数据库：${machineDataDir(process.platform, process.env)}（本机各用户共用；当前系统用户无权写入时改用本用户的文件夹并给出提示）。
环境变量 YANPAN_HOME 可改变数据目录。`;

const nowIso = () => new Date().toISOString();
/** Who loads the demo into a register that has no account yet (the demo then brings its own). */
const DEMO_LOADER = { accountId: 0, name: '示例数据', displayName: '示例数据', role: '研判员' } as const;

async function runCommand(argv: string[]) {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      return serve(rest);
    case 'methods':
      return methods();
    case 'call':
      return call(rest);
    case 'demo':
      return demo(rest);
    case 'bench':
      return bench(rest);
    case 'brief':
      return brief(rest);
    case 'import':
      return importCmd(rest);
    case 'export':
      return exportCmd(rest);
    case 'backup':
      return backupCmd(rest);
    case 'restore':
      return restoreCmd(rest);
    case 'check':
      return checkCmd(rest);
    case 'setup':
      return setupCmd(rest);
    case 'audit':
      return auditCmd(rest);
    case 'recover':
      return recoverCmd(rest);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE + '\n');
      return;
    default:
      throw new UsageError(`不认识的命令「${command}」。`);
  }
}

async function serve(args: string[]) {
  const { values } = parse(args, { db: { type: 'string' }, port: { type: 'string' }, demo: { type: 'boolean' }, 'as-of': { type: 'string' }, today: { type: 'string' }, host: { type: 'string' } });
  const port = values.port === undefined ? 0 : parsePort(String(values.port));
  const today = values.today === undefined ? undefined : parseDay('--today', String(values.today));
  const dbPath = resolve(String(values.db ?? defaultDbPath()));
  const now = today ? clockOnDay(today) : () => new Date().toISOString();
  if (values.demo && !isEncrypted(dbPath) && firstRun(dbPath)) {
    // --demo (development, tests): the demo is loaded by the program itself, like `yanpan demo`.
    const demo = await buildDemo(dbPath, { asOf: (values['as-of'] as string | undefined) ?? today }, true);
    if (demo.recoveryKey) process.stdout.write(`示例台账已加密。示例账号与一次性密码、恢复密钥：\n${JSON.stringify({ accounts: demo.accounts, recoveryKey: demo.recoveryKey }, null, 2)}\n`);
  }
  // The end of the start-up work is printed for the operator (and the bench, which times fresh tabs on a settled host).
  const onStartWorkDone = () => process.stdout.write(`${START_WORK_DONE_LINE}\n`);
  const core = openRecoverableCore({ dbPath, host: 'web', backupOnStart: true, now, onStartWorkDone });
  if (core.damaged) process.stderr.write(core.damaged.message + '\n界面中可一键恢复该备份。\n');
  // The page's files count as activity too: under load the first page can still be loading its
  // scripts 3 s after its last API call (seen in 2 of 12 starts at load 6–11), and the start-up work
  // (reading the whole register) then began before the page was shown.
  const host = await startWebHost({ dispatch: core.dispatch, staticDir: RENDERER_DIR, host: values.host as string | undefined, port, downloads: core.downloads, auth: webAuthFor(core, now, dbPath), activity: core.track });
  core.printer.current = createChromiumPrinter(host.url, { session: host.printSession });
  const stop = async () => {
    await host.close();
    // The start-up backup, if still due, is taken before the host exits (it waits for a quiet moment otherwise).
    await core.current()?.finishStartWork();
    core.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // Printed once the handlers are in: a script that stops the host as soon as it reads the address
  // (tests, the bench) must not find the default action (exit without the start-up backup).
  process.stdout.write(`风险研判台网页版已启动：${host.url}\n数据库：${dbPath}\n按 Ctrl+C 退出。\n`);
}

/** True when the register is new or was never filled (what `serve --demo` fills). */
function firstRun(dbPath: string): boolean {
  if (!existsSync(dbPath)) return true;
  const core = openCoreToRead({ dbPath, host: 'cli' });
  try {
    return !isInitialized(core.db);
  } finally {
    core.close();
  }
}

function methods() {
  const out = Object.fromEntries(
    Object.entries(contract).map(([name, spec]) => [name, { doc: spec.doc, write: spec.write, tier: spec.tier, input: z.toJSONSchema(spec.input, { io: 'input', unrepresentable: 'any' }) }]),
  );
  process.stdout.write(JSON.stringify(out, null, 2) + '\n');
}

async function call(args: string[]) {
  const { values, positionals } = parse(args, { db: { type: 'string' } });
  const [method, json] = positionals;
  if (!method) throw new UsageError('缺少方法名，例如：yanpan call risks.list \'{"page":1}\'');
  let input: unknown = {};
  if (json !== undefined) {
    try {
      input = JSON.parse(json);
    } catch {
      fail(`输入不是有效的 JSON：${json}`);
    }
  }
  const dbPath = resolve(String(values.db ?? defaultDbPath()));
  await unlockForCli(dbPath);
  // A method that only reads still answers while another program has the register open.
  const reads = Object.prototype.hasOwnProperty.call(contract, method) && !contract[method as keyof typeof contract].write;
  const core = reads ? openCoreToRead({ dbPath, host: 'cli' }) : openCore({ dbPath, host: 'cli' });
  try {
    const r = await core.dispatchLocal(method, input, await cliCaller(core.db, nowIso));
    if (!r.ok) fail(`${r.error.message}`);
    process.stdout.write(JSON.stringify(r.value, null, 2) + '\n');
  } finally {
    core.close();
  }
}

async function demo(args: string[]) {
  const { values } = parse(args, { db: { type: 'string' }, risks: { type: 'string' }, seed: { type: 'string' }, 'as-of': { type: 'string' } });
  if (!values.db) throw new UsageError('请用 --db 指定要生成示例台账的数据库文件。');
  const input = { risks: values.risks ? Number(values.risks) : undefined, seed: values.seed ? Number(values.seed) : undefined, asOf: values['as-of'] as string | undefined };
  process.stdout.write(JSON.stringify(await buildDemo(resolve(String(values.db)), input)) + '\n');
}

/**
 * Loads the demo (as an account of the register, or `byProgram` for `serve --demo`). Into a new register (no account yet) the demo brings its own accounts, with
 * random passwords printed once, and the register is then encrypted with them and a recovery key.
 */
async function buildDemo(dbPath: string, input: { risks?: number; seed?: number; asOf?: string }, byProgram = false): Promise<Record<string, unknown>> {
  await unlockForCli(dbPath);
  const core = openCore({ dbPath, host: 'cli' });
  let fresh: boolean;
  let value: { accounts?: DemoAccount[] };
  try {
    fresh = countAccounts(core.db) === 0;
    const r = await core.dispatch('demo.load', input, fresh || byProgram ? DEMO_LOADER : await cliCaller(core.db, nowIso));
    if (!r.ok) fail(r.error.message);
    value = r.value as typeof value;
  } finally {
    core.close();
  }
  if (!fresh || !value.accounts?.length) return value;
  let reopened: ReturnType<typeof openCore> | null = null;
  try {
    const accounts = value.accounts.map((a) => ({ account: a.name, password: a.password }));
    const { recoveryKey } = encryptInPlace(dbPath, { accounts, actor: DEMO_LOADER.name, deletePlainBackups: false }, (key) => (reopened = openCore({ dbPath, host: 'cli', key })), nowIso);
    return { ...value, encrypted: true, recoveryKey };
  } finally {
    (reopened as ReturnType<typeof openCore> | null)?.close();
  }
}

async function brief(args: string[]) {
  const { values } = parse(args, {
    db: { type: 'string' }, kind: { type: 'string' }, meeting: { type: 'string' }, sample: { type: 'string' }, 'sample-pages': { type: 'string' },
    'as-of': { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' }, docx: { type: 'boolean' }, copies: { type: 'string' },
    preview: { type: 'boolean' }, top: { type: 'string' }, appendix: { type: 'boolean' },
  });
  if (!values.kind) throw new UsageError('请用 --kind 指定文档类型。');
  if (!values.out) throw new UsageError('请用 --out 指定输出文件，例如 --out 专报.pdf');
  const kind = briefKindOf(String(values.kind));
  if (!kind) throw new UsageError(`不认识的文档类型“${values.kind}”。可用：专报、纪要、交办单、督办单、议程、台账（或 weekly、minutes、assignment、supervision、agenda、register）。`);
  const meetingId = values.meeting === undefined ? undefined : Number(values.meeting);
  if (meetingId !== undefined && !(Number.isInteger(meetingId) && meetingId > 0)) throw new UsageError(`--meeting 应为会议编号（正整数），收到“${values.meeting}”。`);
  const request = {
    kind,
    meetingId,
    sample: values.sample,
    samplePages: values['sample-pages'] ? Number(values['sample-pages']) : undefined,
    asOf: values['as-of'],
    from: values.from,
    to: values.to,
    topN: values.top ? Number(values.top) : undefined,
    appendix: values.appendix || undefined,
    // A file made here is the document as issued: it takes its 期号/文号 unless --preview.
    final: !values.preview,
  };
  const dbPath = resolve(String(values.db ?? defaultDbPath()));
  await unlockForCli(dbPath);
  const core = openCore({ dbPath, host: 'cli' });
  // Word needs the browser too: its charts are pictures drawn by the print route.
  const caller = await cliCaller(core.db, nowIso);
  const host = await startWebHost({ dispatch: core.dispatch, staticDir: RENDERER_DIR, downloads: core.downloads });
  core.printer.current = createChromiumPrinter(host.url, { session: host.printSession });
  try {
    const r = await core.dispatchLocal(values.docx ? 'briefs.saveDocx' : 'briefs.savePdf', { request, out: resolve(String(values.out)), copies: values.copies ? Number(values.copies) : 1 }, caller);
    if (!r.ok) fail(r.error.message);
    process.stdout.write(JSON.stringify(r.value) + '\n');
  } finally {
    await core.printer.current?.close();
    core.printer.current = undefined;
    await host.close();
    core.close();
  }
}

async function bench(args: string[]) {
  const { values } = parse(args, {
    risks: { type: 'string' }, runs: { type: 'string' }, suite: { type: 'string' }, 'as-of': { type: 'string' },
    quick: { type: 'boolean' }, 'no-cache': { type: 'boolean' }, json: { type: 'string' },
  });
  const { runBench, QUICK_RISKS } = await import('./bench/index.js');
  const quick = Boolean(values.quick);
  const report = await runBench({
    risks: values.risks ? Number(values.risks) : quick ? QUICK_RISKS : 100_000,
    runs: values.runs ? Number(values.runs) : quick ? 7 : 15,
    asOf: String(values['as-of'] ?? '2026-11-23'),
    only: values.suite as string | undefined,
    quick,
    noCache: Boolean(values['no-cache']),
  });
  const text = JSON.stringify(report, null, 2) + '\n';
  process.stdout.write(text);
  if (values.json) writeFileSync(String(values.json), text);
}

/** Runs one command line (without the program name); a failure prints in Chinese and exits non-zero. */
export async function main(argv: string[]): Promise<void> {
  try {
    await runCommand(argv);
  } catch (e) {
    if (e instanceof UsageError) fail(`${e.message}\n\n${USAGE}`, 2);
    const known = dbErrorInChinese(e);
    if (known) fail(known.message);
    fail(e instanceof Error && /[\u4e00-\u9fff]/.test(e.message) ? e.message : `出错了：${String((e as Error)?.stack ?? e)}`);
  }
}

// Importing this module (tests, the bench) runs nothing; only `tsx electron/cli.ts …` as the entry does.
// scripts/yanpan.mjs imports it and calls main itself.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) void main(process.argv.slice(2));
