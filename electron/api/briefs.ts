// Printed briefs: joins the register queries with the pure document builders, and hands the
// document to the host's printer (PDF) or the Word writer. PDF/Word generation is async, so these
// handlers are reads; each successful export appends its own audit row in one statement.
import { statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { briefRisks, filterWords, recordBriefOutput } from '../../db/briefs.js';
import { getSettings } from '../../db/settings.js';
import { minutesDraftFor } from '../../db/meetings.js';
import { chineseDate, shanghaiDate, yearOf } from '../../shared/dates.js';
import { levelName } from '../../shared/labels.js';
import { AppError } from '../../shared/errors.js';
import { BRIEF_KIND_NAMES, type Doc, type Masthead } from '../../shared/briefs/model.js';
import { buildAgenda, buildAssignmentSheets, buildMinutes, buildSupervision } from '../../shared/briefs/meeting.js';
import { meetingTitle, supervisionSheetNo, toAgendaInput, toAssignmentInput, toMinutesInput, toSupervisionInput } from '../../shared/briefs/fromMeeting.js';
import { meetingBriefData, overdueActions, requireMeetingId } from '../../db/briefData.js';
import { buildRegisterDoc } from '../../shared/briefs/register.js';
import { issuedNumber, issueNumber } from '../../db/briefNumbers.js';
import { buildWeeklyDoc, issueWeekly } from './briefWeekly.js';
import { buildStatsDoc, issueStatsReport } from './statsReport.js';
import { fontReport, pdfBaseFonts } from '../../shared/briefs/fonts.js';
import { sampleDoc } from '../../shared/briefs/samples.js';
import { printRoute, type BriefRequestParsed } from '../../shared/briefs/request.js';
import type { BriefFile, BriefProgress } from '../../shared/contract/briefs.js';
import { CancelledError, pdfPageCount } from '../print/types.js';
import type { HandlerContext } from './context.js';
import type { HandlersFor } from './types.js';

function mastheadOf(req: BriefRequestParsed, organ: string, asOf: string, docName: string, issue: string): Masthead {
  const m = req.masthead;
  return {
    style: 'red',
    organ,
    docName,
    issue,
    editor: `${organ}办公室`,
    issueDateText: chineseDate(asOf),
    copyNo: m.copyNo,
    secret: m.secret,
    urgency: m.urgency,
    signer: m.signer,
    internal: m.internal ?? true,
  };
}

export function buildDoc(req: BriefRequestParsed, ctx: HandlerContext): Doc {
  if (req.sample) return sampleDoc(req.sample, req.samplePages);
  const settings = getSettings(ctx.db, ctx.defaultOperator);
  const organ = `${settings.cityName}信访局`;
  const asOf = req.asOf ?? shanghaiDate(ctx.now());
  const name = BRIEF_KIND_NAMES[req.kind];
  // 版头 options the user set apply to every document that has a 版头.
  const withMasthead = (doc: Doc): Doc => (doc.masthead ? { ...doc, masthead: { ...doc.masthead, ...definedMasthead(req) } } : doc);
  switch (req.kind) {
    case 'minutes': {
      const data = meetingBriefData(ctx.db, requireMeetingId(ctx.db, req.meetingId, name));
      if (data.meeting.state === '筹备' || data.meeting.state === '进行中') {
        throw new AppError('INVALID_INPUT', `${meetingTitle(data.meeting)}还未召开（${data.meeting.state}），没有会议纪要可印。请在会议结束、拟写纪要后再生成。`);
      }
      return withMasthead(buildMinutes(toMinutesInput(data, organ, asOf, req.cc, minutesDraftFor(ctx.db, data.meeting.id))));
    }
    case 'assignment': {
      const data = meetingBriefData(ctx.db, requireMeetingId(ctx.db, req.meetingId, name));
      if (!data.actions.length) throw new AppError('INVALID_INPUT', `${meetingTitle(data.meeting)}没有交办事项，不能生成交办单。请先在会中或“交办督办”中新建交办事项。`);
      return buildAssignmentSheets(toAssignmentInput(data, organ));
    }
    case 'agenda': {
      const data = meetingBriefData(ctx.db, requireMeetingId(ctx.db, req.meetingId, name));
      if (!data.agenda.length) throw new AppError('INVALID_INPUT', `${meetingTitle(data.meeting)}还没有议程，不能生成会议议程。请先在会议的“议程”中添加事项。`);
      return buildAgenda(toAgendaInput(data, organ));
    }
    case 'supervision': {
      // 督办 covers every overdue action on asOf, whichever meeting issued it.
      const items = overdueActions(ctx.db, asOf);
      if (!items.length) throw new AppError('INVALID_INPUT', `截至${chineseDate(asOf)}没有超期的交办事项，无需督办单。`);
      const no = issuedNumber(ctx.db, 'supervision', `asof:${asOf}`);
      return withMasthead(buildSupervision(toSupervisionInput(items, organ, asOf, supervisionSheetNo(no, asOf))));
    }
    case 'register':
      return buildRegisterDoc({ organ, asOf, filterText: filterWords(ctx.db, req.filter, levelName), risks: briefRisks(ctx.db, req.filter) });
    case 'stats':
      return buildStatsDoc(req, ctx, organ, asOf);
    case 'weekly':
      break;
  }
  return buildWeeklyDoc(req, ctx, organ, asOf, (issue) => mastheadOf(req, organ, asOf, '研判专报', issue));
}

function definedMasthead(req: BriefRequestParsed): Partial<Masthead> {
  const m = req.masthead;
  const out: Partial<Masthead> = {};
  if (m.copyNo) out.copyNo = m.copyNo;
  if (m.secret) out.secret = m.secret;
  if (m.urgency) out.urgency = m.urgency;
  if (m.signer) out.signer = m.signer;
  if (m.internal !== undefined) out.internal = m.internal;
  return out;
}

// Progress of running jobs, by client-chosen id (a document is one job; kept for a minute after).
const jobs = new Map<string, { progress: BriefProgress; abort: AbortController }>();

function startJob(id: string | undefined) {
  const job = { progress: { stage: '准备数据', percent: 5 } as BriefProgress, abort: new AbortController() };
  if (id) jobs.set(id, job);
  const set = (stage: BriefProgress['stage'], percent: number) => {
    job.progress = { stage, percent };
    if (stage === '完成' || stage === '已取消' || stage === '出错') setTimeout(() => id && jobs.get(id) === job && jobs.delete(id), 60_000).unref?.();
  };
  return { job, set };
}

function fileName(doc: Doc, asOf: string, ext: string): string {
  return `${doc.title}_${asOf}.${ext}`.replace(/[\\/:*?"<>|]/g, '_');
}

/**
 * Hands the bytes back (public methods) or writes them to the local caller's file. A local caller
 * can still name the live register by mistake: that path, its WAL and journal are refused.
 */
async function deliver(bytes: Buffer, out: string | undefined, name: string, ctx: HandlerContext, pages?: number): Promise<BriefFile> {
  if (out) {
    if (ctx.dbPath !== ':memory:' && isRegisterFile(out, ctx.dbPath)) {
      throw new AppError('INVALID_INPUT', `不能把文档写到数据库文件上（${out}）。请换一个输出文件名。`);
    }
    await writeFile(out, bytes);
  }
  return { path: out, base64: out ? undefined : bytes.toString('base64'), bytes: bytes.length, pages, fileName: name };
}

function isRegisterFile(out: string, dbPath: string): boolean {
  const target = resolve(out);
  const db = resolve(dbPath);
  const same = (a: string, b: string) => (process.platform === 'win32' ? a.toLowerCase() === b.toLowerCase() : a === b);
  if (['', '-wal', '-shm', '-journal'].some((suffix) => same(target, db + suffix))) return true;
  try {
    // A hard link or symlink to the register is the register too.
    const a = statSync(target);
    const b = statSync(db);
    return a.dev === b.dev && a.ino === b.ino;
  } catch {
    return false;
  }
}

function record(ctx: HandlerContext, doc: Doc, format: 'pdf' | 'docx' | 'paper', copies: number, req: BriefRequestParsed, pages?: number) {
  recordBriefOutput(ctx.db, ctx, { kind: doc.kind, title: doc.title, format, copies, pages, request: req });
}

/** A final output takes the document's 期号/文号 (once; printing again keeps it). Runs after buildDoc validated the request. */
function issueFinal(request: BriefRequestParsed, ctx: HandlerContext): void {
  if (!request.final || request.sample) return;
  const asOf = request.asOf ?? shanghaiDate(ctx.now());
  if (request.kind === 'weekly') issueWeekly(request, ctx, asOf);
  if (request.kind === 'stats') issueStatsReport(request, ctx, asOf);
  if (request.kind === 'supervision') issueNumber(ctx.db, ctx, 'supervision', yearOf(asOf), `asof:${asOf}`);
}

/** The fonts the last PDF of this process embedded: what each role really printed with. */
let lastFonts: string[] | null = null;

/**
 * The document a running PDF job has built, by request: the job's print page asks briefs.model for
 * the same request and gets it instead of a second build (on the 100k register with 200k 交办 the
 * 专报 model takes 1–2 s, paid twice per PDF before). Held only while the job prints.
 */
const printing = new Map<string, Doc>();
const docKey = (req: BriefRequestParsed) => JSON.stringify(req);
/** SQLite's count of rows changed on this connection: tells whether issuing took a number. */
const changes = (ctx: HandlerContext) => ctx.db.prepare('SELECT total_changes()').pluck().get() as number;

type DocumentJob = { request: BriefRequestParsed; out?: string; copies: number; jobId?: string };

/**
 * The document of a final output: built (which validates the request before a number is taken),
 * given its 期号/文号, and built again only when a number was just taken (it is printed in the 版头).
 */
function finalDoc(request: BriefRequestParsed, ctx: HandlerContext): Doc {
  const doc = buildDoc(request, ctx);
  const before = changes(ctx);
  issueFinal(request, ctx);
  return changes(ctx) !== before ? buildDoc(request, ctx) : doc;
}

/** Prints the print route of `request` with `doc` handed to its page (briefs.model) instead of a second build. */
async function withPrinting<T>(request: BriefRequestParsed, doc: Doc, print: () => Promise<T>): Promise<T> {
  const key = docKey(request);
  printing.set(key, doc);
  try {
    return await print();
  } finally {
    if (printing.get(key) === doc) printing.delete(key);
  }
}

async function makePdf({ request, out, copies, jobId }: DocumentJob, ctx: HandlerContext): Promise<BriefFile> {
  const printer = ctx.printer?.current;
  if (!printer) throw new AppError('INVALID_INPUT', '当前运行方式不能生成PDF（没有可用的打印组件）。请在桌面版或网页版中操作，或使用命令行 yanpan brief。');
  const { job, set } = startJob(jobId);
  try {
    const doc = finalDoc(request, ctx); // before the browser starts
    set('排版', 20);
    const stage = { signal: job.abort.signal, onStage: (s: '排版' | '生成PDF') => set(s, s === '排版' ? 30 : 70) };
    const pdf = await withPrinting(request, doc, () => printer.pdf(printRoute(request), stage));
    const pages = pdfPageCount(pdf);
    lastFonts = pdfBaseFonts(pdf.toString('latin1'));
    const file = await deliver(pdf, out, fileName(doc, request.asOf ?? shanghaiDate(ctx.now()), 'pdf'), ctx, pages);
    record(ctx, doc, 'pdf', copies, request, pages);
    set('完成', 100);
    return file;
  } catch (e) {
    if (e instanceof CancelledError || job.abort.signal.aborted) {
      set('已取消', 100);
      throw new AppError('CANCELLED', '已取消生成，未产生文件。');
    }
    set('出错', 100);
    throw e;
  }
}

async function makeDocx({ request, out, copies }: DocumentJob, ctx: HandlerContext): Promise<BriefFile> {
  const doc = finalDoc(request, ctx);
  // Charts come into Word as pictures drawn by the print route when this host has a browser.
  const printer = ctx.printer?.current;
  const images = printer?.images;
  const charts = doc.blocks.some((b) => b.t === 'trend') && images ? await withPrinting(request, doc, () => images(printRoute(request), '.gw-trend svg')) : [];
  // The Word library loads on first use (it is large; most sessions never export Word).
  const { docToDocx } = await import('../print/docx.js');
  const bytes = await docToDocx(doc, charts);
  const file = await deliver(bytes, out, fileName(doc, request.asOf ?? shanghaiDate(ctx.now()), 'docx'), ctx);
  record(ctx, doc, 'docx', copies, request);
  return file;
}

export const briefHandlers: HandlersFor<'briefs.model' | 'briefs.pdf' | 'briefs.docx' | 'briefs.savePdf' | 'briefs.saveDocx' | 'briefs.progress' | 'briefs.cancel' | 'briefs.printPaper' | 'briefs.recordPrint' | 'briefs.fonts'> = {
  'briefs.model': (req, ctx) => printing.get(docKey(req)) ?? buildDoc(req, ctx),
  'briefs.pdf': (input, ctx) => makePdf(input, ctx),
  'briefs.docx': (input, ctx) => makeDocx(input, ctx),
  'briefs.savePdf': (input, ctx) => makePdf(input, ctx),
  'briefs.saveDocx': (input, ctx) => makeDocx(input, ctx),
  'briefs.progress': ({ jobId }) => ({ job: jobs.get(jobId)?.progress ?? null }),
  'briefs.cancel': ({ jobId }) => {
    const job = jobs.get(jobId);
    if (!job || job.abort.signal.aborted) return { cancelled: false };
    job.abort.abort();
    return { cancelled: true };
  },
  'briefs.printPaper': async ({ request, copies }, ctx) => {
    const paper = ctx.printer?.current?.paper;
    if (!paper) throw new AppError('INVALID_INPUT', '网页版请用「打印…」打开的打印窗口，经浏览器打印；直接打印到纸张只在桌面版中可用。');
    const doc = finalDoc(request, ctx); // before a window opens
    await withPrinting(request, doc, () => paper(printRoute(request), copies));
    record(ctx, doc, 'paper', copies, request);
    return { printed: true };
  },
  'briefs.fonts': () => ({ checked: lastFonts !== null, roles: fontReport(lastFonts ?? []) }),
  'briefs.recordPrint': ({ request, copies }, ctx) => {
    record(ctx, buildDoc(request, ctx), 'paper', copies, request);
    return { recorded: true };
  },
};
