// 简报: choose a document, set the 版头 options, preview it, and produce PDF / Word / paper.
// PDF generation reports its stage and can be cancelled (long registers take seconds).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, DatePicker, Form, Input, InputNumber, Progress, Select, Space, Spin, Typography } from 'antd';
import { DownloadOutlined, FilePdfOutlined, FileWordOutlined, PrinterOutlined, StopOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { api, ApiCallError } from '../api';
import { useErrorReporter } from '../shell/useApi';
import type { Doc } from '../../shared/briefs/model';
import { printRoute, type BriefRequest } from '../../shared/briefs/request';
import type { BriefProgress } from '../../shared/contract/briefs';
import type { Lists } from '../../shared/settings';
import { LEVELS, RISK_STATUSES } from '../../shared/labels';
import { BRIEF_CHOICES, initialFromHash } from './choices';
import { saveBase64 } from '../imports/files';
import { meetingPickLabel } from '../../shared/briefs/fromMeeting';
import type { MeetingRow } from '../../shared/meetings';
import { DocView } from './print/DocView';
import { FontsNotice } from './FontsNotice';

type Options = {
  asOf?: dayjs.Dayjs;
  period?: [dayjs.Dayjs, dayjs.Dayjs];
  domainId?: number;
  regionId?: number;
  level?: number;
  status?: (typeof RISK_STATUSES)[number];
  copyNo?: string;
  secret?: string;
  urgency?: '特急' | '加急';
  signer?: string;
  issueNo?: number;
  topN?: number;
  appendix?: boolean;
  internal: boolean;
  copies: number;
};

const D = 'YYYY-MM-DD';

export function BriefsPage() {
  const report = useErrorReporter();
  const { message } = App.useApp();
  const [initial] = useState(() => initialFromHash(window.location.hash));
  const [choiceKey, setChoiceKey] = useState(initial.choiceKey ?? 'weekly');
  const [opts, setOpts] = useState<Options>({ internal: true, copies: 1, period: initial.from && initial.to ? [dayjs(initial.from), dayjs(initial.to)] : undefined });
  const [meetings, setMeetings] = useState<MeetingRow[]>([]);
  // Meeting documents default to the latest meeting; the 专报 takes one when asked — or when the
  // meeting page sent us here (#/briefs?meeting=<id>), which preselects it for 专报 and Word alike.
  const [meetingId, setMeetingId] = useState<number | undefined>(initial.meetingId);
  const [weeklyMeetingId, setWeeklyMeetingId] = useState<number | undefined>(initial.meetingId);
  const [lists, setLists] = useState<Lists>({ domains: [], regions: [] });
  const [doc, setDoc] = useState<Doc | null>(null);
  const [docError, setDocError] = useState<string | null>(null);
  const [job, setJob] = useState<{ id: string; progress: BriefProgress } | null>(null);
  const [pdfsMade, setPdfsMade] = useState(0);
  const poll = useRef<number | undefined>(undefined);
  const choice = BRIEF_CHOICES.find((c) => c.key === choiceKey)!;

  useEffect(() => {
    api('lists.get', {}).then(setLists, report);
    api('meetings.list', { limit: 200 }).then(setMeetings, report);
  }, [report]);
  const pickedMeeting = choice.meeting === 'required' ? (meetingId ?? meetings[0]?.id) : choice.meeting === 'optional' ? weeklyMeetingId : undefined;

  const request: BriefRequest = useMemo(() => {
    const r: BriefRequest = { ...choice.request, asOf: opts.asOf?.format(D) };
    if (pickedMeeting) r.meetingId = pickedMeeting;
    if (choice.period && opts.period) Object.assign(r, { from: opts.period[0].format(D), to: opts.period[1].format(D) });
    if (choice.filter) r.filter = { domainId: opts.domainId, regionId: opts.regionId, level: opts.level, status: opts.status };
    if (choice.masthead) r.masthead = { copyNo: opts.copyNo || undefined, secret: opts.secret || undefined, urgency: opts.urgency, signer: opts.signer || undefined, issueNo: opts.issueNo, internal: opts.internal };
    if (choice.key === 'weekly') Object.assign(r, { topN: opts.topN, appendix: opts.appendix || undefined });
    return r;
  }, [choice, opts, pickedMeeting]);

  useEffect(() => {
    let live = true;
    setDoc(null);
    setDocError(null);
    const t = setTimeout(() => api('briefs.model', request).then((d) => live && setDoc(d), (e: Error) => live && setDocError(e.message)), 250);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [request]);

  useEffect(() => () => window.clearInterval(poll.current), []);

  const makePdf = useCallback(async () => {
    const id = `pdf-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
    setJob({ id, progress: { stage: '准备数据', percent: 5 } });
    poll.current = window.setInterval(() => {
      api('briefs.progress', { jobId: id }).then((p) => p.job && setJob((j) => (j && j.id === id ? { id, progress: p.job! } : j)), () => {});
    }, 300);
    try {
      // A PDF or Word file is the document as issued: it takes its 期号/文号 (kept if it has one); the preview takes none.
      const file = await api('briefs.pdf', { request: { ...request, final: true }, copies: opts.copies, jobId: id });
      saveBase64(file.fileName, file.base64!, 'application/pdf');
      message.success(`已生成 PDF：${file.pages ?? '?'} 页，${Math.round(file.bytes / 1024)} KB`);
      setPdfsMade((n) => n + 1);
    } catch (e) {
      if (e instanceof ApiCallError && e.error.code === 'CANCELLED') message.info('已取消生成。');
      else report(e);
    } finally {
      window.clearInterval(poll.current);
      setJob(null);
    }
  }, [request, opts.copies, message, report]);

  const makeDocx = useCallback(async () => {
    try {
      const file = await api('briefs.docx', { request: { ...request, final: true }, copies: opts.copies });
      saveBase64(file.fileName, file.base64!, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      message.success('已生成 Word 文档，可在 WPS 或 Word 中修改后印发。');
    } catch (e) {
      report(e);
    }
  }, [request, opts.copies, message, report]);

  const printPaper = useCallback(async () => {
    // Desktop: the host prints the route through the system dialog (the window may not open others).
    if (window.yanpan) {
      try {
        await api('briefs.printPaper', { request: { ...request, final: true }, copies: opts.copies });
        message.success(`已送打印（${opts.copies} 份）。`);
      } catch (e) {
        report(e);
      }
      return;
    }
    // Browser: the print route in its own window, where the browser's print uses the GB/T 9704 page rules.
    const w = window.open(`${printRoute(request)}&n=1&print=1`, '_blank');
    if (!w) return message.warning('浏览器阻止了打印窗口，请允许本页面打开新窗口。');
    api('briefs.recordPrint', { request, copies: opts.copies }).catch(report);
  }, [request, opts.copies, message, report]);

  const set = (patch: Partial<Options>) => setOpts((o) => ({ ...o, ...patch }));

  return (
    <div className="yp-briefs">
      <Card size="small" style={{ marginBottom: 12 }}>
        <Form layout="inline" style={{ rowGap: 8 }}>
          <Form.Item label="文档">
            <Select aria-label="文档" style={{ width: 250 }} value={choiceKey} onChange={setChoiceKey} options={BRIEF_CHOICES.map((c) => ({ value: c.key, label: c.label }))} />
          </Form.Item>
          <Form.Item label="截至">
            <DatePicker aria-label="截至日期" value={opts.asOf} onChange={(d) => set({ asOf: d ?? undefined })} placeholder="今天" />
          </Form.Item>
          {choice.meeting && (
            <Form.Item label="研判会">
              <Select
                aria-label="研判会"
                style={{ width: 330 }}
                allowClear={choice.meeting === 'optional'}
                placeholder={choice.meeting === 'optional' ? '不写入会议内容（可选）' : '还没有研判会'}
                value={pickedMeeting}
                onChange={(v?: number) => (choice.meeting === 'optional' ? setWeeklyMeetingId(v) : setMeetingId(v))}
                options={meetings.map((m) => ({ value: m.id, label: meetingPickLabel(m) }))}
              />
            </Form.Item>
          )}
          {choice.period && (
            <Form.Item label="研判周期">
              <DatePicker.RangePicker value={opts.period} onChange={(v) => set({ period: v && v[0] && v[1] ? [v[0], v[1]] : undefined })} placeholder={['上周一', '上周日']} />
            </Form.Item>
          )}
          {choice.filter && (
            <>
              <Select allowClear placeholder="领域" style={{ width: 120 }} aria-label="领域" options={lists.domains.map((d) => ({ value: d.id, label: d.name }))} onChange={(v) => set({ domainId: v })} />
              <Select allowClear placeholder="县区" style={{ width: 110 }} aria-label="县区" options={lists.regions.map((d) => ({ value: d.id, label: d.name }))} onChange={(v) => set({ regionId: v })} />
              <Select allowClear placeholder="等级" style={{ width: 110 }} aria-label="等级" options={LEVELS.map((l) => ({ value: l.value, label: `${l.name}（${l.color}）` }))} onChange={(v) => set({ level: v })} />
              <Select allowClear placeholder="状态" style={{ width: 110 }} aria-label="状态" options={RISK_STATUSES.map((s) => ({ value: s, label: s }))} onChange={(v) => set({ status: v })} />
            </>
          )}
        </Form>
        {choice.masthead && (
          <Form layout="inline" style={{ marginTop: 8, rowGap: 8 }}>
            {choice.key === 'weekly' && <Form.Item label="期号" tooltip="生成PDF或Word时自动取本年下一期号，再次生成保持不变；填写则按所填印制"><InputNumber aria-label="期号" min={1} max={999} value={opts.issueNo} onChange={(v) => set({ issueNo: v ?? undefined })} placeholder="自动" /></Form.Item>}
            {choice.key === 'weekly' && <Form.Item label="重点风险"><InputNumber aria-label="重点风险件数" min={1} max={50} value={opts.topN} onChange={(v) => set({ topN: v ?? undefined })} placeholder="10" addonAfter="件" style={{ width: 110 }} /></Form.Item>}
            {choice.key === 'weekly' && <Form.Item><Checkbox checked={!!opts.appendix} onChange={(e) => set({ appendix: e.target.checked })}>附件：重大、较大风险清单</Checkbox></Form.Item>}
            <Form.Item label="份号"><Input aria-label="份号" style={{ width: 90 }} maxLength={6} value={opts.copyNo} onChange={(e) => set({ copyNo: e.target.value })} placeholder="000001" /></Form.Item>
            <Form.Item label="密级"><Input aria-label="密级" style={{ width: 110 }} value={opts.secret} onChange={(e) => set({ secret: e.target.value })} placeholder="如 秘密★1年" /></Form.Item>
            <Form.Item label="紧急程度"><Select aria-label="紧急程度" allowClear style={{ width: 90 }} value={opts.urgency} onChange={(v) => set({ urgency: v })} options={[{ value: '特急', label: '特急' }, { value: '加急', label: '加急' }]} /></Form.Item>
            <Form.Item label="签发人"><Input aria-label="签发人" style={{ width: 90 }} value={opts.signer} onChange={(e) => set({ signer: e.target.value })} /></Form.Item>
            <Form.Item><Checkbox checked={opts.internal} onChange={(e) => set({ internal: e.target.checked })}>内部资料 注意保存</Checkbox></Form.Item>
          </Form>
        )}
        <Space style={{ marginTop: 12 }} wrap>
          <span>份数</span>
          <InputNumber aria-label="份数" min={1} max={999} value={opts.copies} onChange={(v) => set({ copies: v ?? 1 })} />
          <Button type="primary" icon={<FilePdfOutlined />} onClick={makePdf} disabled={!doc || !!job}>生成 PDF</Button>
          <Button icon={<FileWordOutlined />} onClick={makeDocx} disabled={!doc || !!job}>生成 Word</Button>
          <Button icon={<PrinterOutlined />} onClick={printPaper} disabled={!doc}>打印…</Button>
          {job && (
            <span className="yp-brief-progress" aria-live="polite">
              <Progress percent={job.progress.percent} size="small" style={{ width: 160, display: 'inline-block', marginRight: 8 }} />
              <Typography.Text>{job.progress.stage}</Typography.Text>
              <Button size="small" danger icon={<StopOutlined />} style={{ marginLeft: 8 }} onClick={() => api('briefs.cancel', { jobId: job.id }).catch(report)}>取消</Button>
            </span>
          )}
        </Space>
      </Card>
      <FontsNotice refresh={pdfsMade} />
      {docError && <Alert type="warning" showIcon message={docError} />}
      {!doc && !docError && <Spin tip="正在排版…"><div style={{ height: 200 }} /></Spin>}
      {doc && (
        <div className="yp-brief-preview" aria-label="打印预览">
          <Typography.Text type="secondary"><DownloadOutlined /> 预览为连续版面；PDF 与纸质按 GB/T 9704 分页（A4，版心 156×225 毫米，每页 22 行 × 28 字）。</Typography.Text>
          <div className="gw-sheet-wrap">
            <DocView doc={doc} />
          </div>
        </div>
      )}
    </div>
  );
}
