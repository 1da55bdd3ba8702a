// The import wizard: choose a file → check the column mapping → see the dry run → import.
// Nothing is written before the last step; the report of every row can be downloaded.
import { useMemo, useState } from 'react';
import { Alert, Button, InputNumber, Modal, Progress, Result, Segmented, Select, Space, Statistic, Steps, Table, Tag, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { api } from '../api';
import { IMPORT_FIELDS, IMPORT_FIELD_KEYS, type MappingInput } from '../../shared/imports/headers';
import type { ImportReport, ImportRowReport, RowAction } from '../../shared/imports/report';
import { useErrorReporter } from '../shell/useApi';
import { easedProgress, readFileBase64, saveFile, XLSX_TYPE } from './files';

const ACTIONS: Record<RowAction, { label: string; color: string }> = {
  create: { label: '新增', color: 'green' },
  update: { label: '更新', color: 'blue' },
  unchanged: { label: '无变化', color: 'default' },
  reject: { label: '未导入', color: 'red' },
  skip: { label: '跳过', color: 'default' },
};

interface Source {
  fileName: string;
  dataBase64: string;
}

export function ImportWizard({ open, onClose, onImported }: { open: boolean; onClose: () => void; onImported: () => void }) {
  const report = useErrorReporter();
  const [source, setSource] = useState<Source | null>(null);
  const [sheet, setSheet] = useState<string | undefined>();
  const [headerRow, setHeaderRow] = useState<number | undefined>();
  const [mapping, setMapping] = useState<MappingInput>({});
  const [preview, setPreview] = useState<ImportReport | null>(null);
  const [done, setDone] = useState<ImportReport | null>(null);
  const [step, setStep] = useState(0);
  const [progress, setProgress] = useState<{ label: string; percent: number } | null>(null);
  const [filter, setFilter] = useState<'all' | RowAction>('all');

  const reset = () => {
    setSource(null);
    setSheet(undefined);
    setHeaderRow(undefined);
    setMapping({});
    setPreview(null);
    setDone(null);
    setStep(0);
    setProgress(null);
    setFilter('all');
  };

  async function runPreview(src: Source, opts: { sheet?: string; headerRow?: number; mapping?: MappingInput }) {
    setProgress({ label: '正在读取表格并预演…', percent: 40 });
    const stop = easedProgress((p) => setProgress({ label: '正在读取表格并预演…', percent: p }), 40, 100, 1500);
    try {
      const r = await api('imports.preview', { ...src, sheet: opts.sheet, headerRow: opts.headerRow, mapping: opts.mapping });
      setPreview(r);
      setSheet(r.sheet);
      setHeaderRow(r.headerRow);
      return r;
    } catch (e) {
      report(e);
      return null;
    } finally {
      stop();
      setProgress(null);
    }
  }

  async function choose(file: File) {
    setProgress({ label: `正在读取「${file.name}」…`, percent: 0 });
    try {
      const dataBase64 = await readFileBase64(file, (f) => setProgress({ label: `正在读取「${file.name}」…`, percent: Math.round(f * 40) }));
      const src = { fileName: file.name, dataBase64 };
      setSource(src);
      setMapping({});
      if (await runPreview(src, {})) setStep(1);
    } catch (e) {
      report(e);
      setProgress(null);
    }
  }

  async function commit() {
    if (!source || !preview) return;
    setProgress({ label: '正在备份并导入…', percent: 0 });
    const stop = easedProgress((p) => setProgress({ label: '正在备份并导入…', percent: p }), 0, 100, 2500);
    try {
      const r = await api('imports.commit', { ...source, sheet, headerRow, mapping });
      setDone(r);
      setStep(3);
      onImported();
    } catch (e) {
      report(e);
    } finally {
      stop();
      setProgress(null);
    }
  }

  async function downloadReport() {
    if (!source) return;
    try {
      const f = await api('imports.reportFile', { ...source, sheet, headerRow, mapping });
      saveFile(f, XLSX_TYPE);
    } catch (e) {
      report(e);
    }
  }

  const changeMapping = (letter: string, field: string | null) => {
    const next = { ...mapping, [letter]: field };
    setMapping(next);
    if (source) void runPreview(source, { sheet, headerRow, mapping: next });
  };

  const fieldOptions = useMemo(() => [{ value: '', label: '（不导入）' }, ...IMPORT_FIELD_KEYS.map((f) => ({ value: f, label: IMPORT_FIELDS[f].label }))], []);
  const rows = (done ?? preview)?.rows.filter((r) => filter === 'all' || r.action === filter) ?? [];
  const counts = (done ?? preview)?.counts;

  return (
    <Modal
      open={open}
      title="导入 Excel 台账"
      width={1080}
      onCancel={() => {
        reset();
        onClose();
      }}
      footer={null}
      destroyOnHidden
    >
      <Steps current={step} size="small" style={{ marginBottom: 16 }} items={[{ title: '选择文件' }, { title: '核对列对应' }, { title: '预演结果' }, { title: '完成' }]} />
      {progress && <Progress percent={progress.percent} status="active" format={(p) => `${p}%`} aria-label={progress.label} style={{ marginBottom: 8 }} />}
      {progress && <Typography.Text type="secondary">{progress.label}</Typography.Text>}

      {step === 0 && (
        <Upload.Dragger accept=".xlsx,.xlsm,.csv,.xls,.et" multiple={false} showUploadList={false} beforeUpload={(f) => (void choose(f), false)} disabled={!!progress}>
          <p className="ant-upload-drag-icon"><InboxOutlined /></p>
          <p>点击或把文件拖到这里：Excel（.xlsx）或 CSV（UTF-8 或 GBK 编码）</p>
          <p style={{ color: '#6b7280' }}>旧版 .xls 和 WPS .et 请先另存为 .xlsx。导入前会先预演，确认后才写入，并自动备份数据库。</p>
        </Upload.Dragger>
      )}

      {step === 1 && preview && (
        <div>
          <Space wrap style={{ marginBottom: 12 }}>
            <span>文件：<b>{preview.fileName}</b></span>
            {preview.sheets.length > 1 && (
              <span>
                工作表：
                <Select size="small" value={sheet} style={{ width: 160 }} aria-label="工作表" options={preview.sheets.map((s) => ({ value: s, label: s }))}
                  onChange={(v) => { setSheet(v); setMapping({}); void runPreview(source!, { sheet: v }); }} />
              </span>
            )}
            <span>
              表头在第 <InputNumber size="small" min={1} max={1000} value={headerRow} aria-label="表头所在行" onChange={(v) => v && (setHeaderRow(v), void runPreview(source!, { sheet, headerRow: v, mapping }))} /> 行
            </span>
          </Space>
          {preview.mappingErrors.map((m) => <Alert key={m} type="warning" showIcon message={m} style={{ marginBottom: 8 }} />)}
          {!!preview.units?.fresh.length && <Alert type="info" showIcon data-testid="import-new-units" style={{ marginBottom: 8 }} message={`${preview.units.fresh.length} 个单位不在责任单位名单中，导入时将加入：${preview.units.fresh.join('、')}`} />}
          {!!preview.units?.renamed.length && <Alert type="info" showIcon style={{ marginBottom: 8 }} message={`按曾用名对应到名单：${preview.units.renamed.map((u) => `${u.name} → ${u.unitName}`).join('；')}`} />}
          {!preview.columns.some((c) => c.field === 'title') && <Alert type="error" showIcon message="还没有对应到「事项名称」列：请在下表中指定。" style={{ marginBottom: 8 }} />}
          <Table size="small" rowKey="letter" pagination={false} scroll={{ y: 380 }} dataSource={preview.columns}
            columns={[
              { title: '列', dataIndex: 'letter', width: 50 },
              { title: '表中的列名', dataIndex: 'header', width: 180 },
              { title: '示例内容', key: 'samples', render: (_: unknown, c) => <Typography.Text type="secondary">{preview.samples[c.index]?.join(' ｜ ')}</Typography.Text> },
              { title: '导入为', key: 'field', width: 220, render: (_: unknown, c) => (
                <Select size="small" style={{ width: 200 }} value={c.field ?? ''} options={fieldOptions} aria-label={`第${c.letter}列导入为`} showSearch optionFilterProp="label"
                  onChange={(v) => changeMapping(c.letter, v || null)} />
              ) },
            ]} />
          <Space style={{ marginTop: 12 }}>
            <Button onClick={reset}>重新选择文件</Button>
            <Button type="primary" onClick={() => setStep(2)}>下一步：查看预演结果</Button>
          </Space>
        </div>
      )}

      {(step === 2 || step === 3) && counts && (
        <div>
          {step === 3 && done && (
            <Result status="success" style={{ padding: '8px 0' }} title={`导入完成：新增 ${counts.created} 条，更新 ${counts.updated} 条`}
              subTitle={`${counts.unchanged} 条无变化，${counts.rejected} 条未导入，${counts.skipped} 行跳过。${done.backupFile ? `导入前的数据库已备份：${done.backupFile}` : ''}`} />
          )}
          <Space size="large" style={{ marginBottom: 12 }}>
            <Statistic title={step === 3 ? '新增' : '将新增'} value={counts.created} valueStyle={{ color: '#15803d' }} />
            <Statistic title={step === 3 ? '更新（按编号）' : '将更新（按编号）'} value={counts.updated} valueStyle={{ color: '#1d4ed8' }} />
            <Statistic title="无变化" value={counts.unchanged} />
            <Statistic title="未导入" value={counts.rejected} valueStyle={{ color: counts.rejected ? '#b91c1c' : undefined }} />
            <Statistic title="跳过（空行、合计）" value={counts.skipped} />
          </Space>
          <div className="yp-toolbar">
            <Segmented value={filter} onChange={(v) => setFilter(v as typeof filter)}
              options={[{ value: 'all', label: '全部' }, ...(['reject', 'create', 'update', 'unchanged', 'skip'] as RowAction[]).map((a) => ({ value: a, label: ACTIONS[a].label }))]} />
            <Button onClick={() => void downloadReport()} style={{ marginLeft: 'auto' }}>下载预演报告（.xlsx）</Button>
          </div>
          <Table<ImportRowReport> size="small" rowKey="row" dataSource={rows} pagination={{ pageSize: 50, showSizeChanger: false }} scroll={{ y: 340 }}
            columns={[
              { title: '行', dataIndex: 'row', width: 60 },
              { title: '处理', dataIndex: 'action', width: 80, render: (a: RowAction) => <Tag color={ACTIONS[a].color}>{ACTIONS[a].label}</Tag> },
              { title: '编号', dataIndex: 'code', width: 130, render: (c: string, r) => c || (r.action === 'create' ? <Typography.Text type="secondary">（自动生成）</Typography.Text> : '') },
              { title: '事项名称', dataIndex: 'title', ellipsis: true },
              { title: '说明', key: 'why', render: (_: unknown, r) => (
                <div>
                  {r.reasons.map((m) => <div key={m} style={{ color: r.action === 'reject' ? '#b91c1c' : undefined }}>{m}</div>)}
                  {r.changed.length > 0 && <div>修改：{r.changed.join('、')}</div>}
                  {r.warnings.map((w) => <div key={w.col + w.message} style={{ color: '#b45309' }}>{w.col}列「{w.header}」：{w.message}</div>)}
                </div>
              ) },
            ]} />
          {step === 2 && (
            <Space style={{ marginTop: 12 }}>
              <Button onClick={() => setStep(1)}>上一步</Button>
              <Button type="primary" disabled={!!progress || counts.created + counts.updated === 0} onClick={() => void commit()}>
                {counts.created + counts.updated === 0 ? '没有需要写入的行' : `导入 ${counts.created + counts.updated} 条（未导入的 ${counts.rejected} 条不写入）`}
              </Button>
            </Space>
          )}
          {step === 3 && <Button type="primary" style={{ marginTop: 12 }} onClick={() => { reset(); onClose(); }}>关闭</Button>}
        </div>
      )}
    </Modal>
  );
}
