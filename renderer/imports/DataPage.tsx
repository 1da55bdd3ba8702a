// 导入导出与备份: bring a 台账 in, take the register out, and see the database's backups.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Popconfirm, Row, Space, Table, Typography } from 'antd';
import { CloudDownloadOutlined, DownloadOutlined, SafetyCertificateOutlined, UploadOutlined } from '@ant-design/icons';
import { api } from '../api';
import { BACKUP_REASONS, formatBytes, rotationText, type BackupEntry } from '../../shared/backups';
import { useErrorReporter } from '../shell/useApi';
import { ImportWizard } from './ImportWizard';
import { downloadExport, saveFile } from './files';
import type { ExportTable } from '../../shared/contract/imports';
import { useProgress } from './useProgress';
import { DB_SCOPE_LABELS, type AppInfo } from '../../shared/settings';

/** Where the register file is, in words (the default is the folder every staff member of the PC reaches). */

const local = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

export function DataPage({ onChanged }: { onChanged: () => void }) {
  const report = useErrorReporter();
  const [wizard, setWizard] = useState(false);
  const [backups, setBackups] = useState<BackupEntry[]>([]);
  const { busy, run: withProgress, bar } = useProgress();
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => void api('app.info', {}).then(setInfo, report), [report]);

  const loadBackups = useCallback(() => api('backups.list', {}).then(setBackups, report), [report]);
  useEffect(() => {
    void loadBackups();
  }, [loadBackups]);

  const exportAs = (format: 'xlsx' | 'csv', tables: ExportTable[] = ['register']) =>
    withProgress(`正在导出（.${format}）…`, 3000, () => downloadExport(format, tables));

  const backupNow = () =>
    withProgress('正在备份数据库…', 1500, async () => {
      await api('backups.create', {});
      await loadBackups();
    });

  const download = (name: string) =>
    withProgress('正在准备备份文件…', 1500, async () => {
      const f = await api('backups.download', { name });
      saveFile(f);
    });

  const restore = (name: string) =>
    withProgress('正在检查备份并恢复…', 2000, async () => {
      const r = await api('backups.restore', { name });
      await loadBackups();
      onChanged();
      return r;
    });

  return (
    <div>
      {bar}
      <Row gutter={16}>
        <Col span={8}>
          <Card title="导入 Excel 台账" extra={<UploadOutlined />}>
            <p>读取 .xlsx 或 .csv（UTF-8/GBK），自动识别表头和列名，先预演、后写入；按编号更新已有事项。</p>
            <Button type="primary" icon={<UploadOutlined />} onClick={() => setWizard(true)}>选择文件导入…</Button>
          </Card>
        </Col>
        <Col span={8}>
          <Card title="导出风险台账" extra={<DownloadOutlined />}>
            <p>全部在册事项（不含已删除），附研判记录、交办事项两张表；中文表头、冻结首行、等级着色；台账可原样再导入。</p>
            <Space wrap>
              <Button icon={<DownloadOutlined />} disabled={busy} onClick={() => void exportAs('xlsx', ['register', 'assessments', 'actions'])}>导出 Excel（.xlsx）</Button>
              <Button disabled={busy} onClick={() => void exportAs('xlsx')}>仅台账 .xlsx</Button>
              <Button disabled={busy} onClick={() => void exportAs('csv')}>导出 CSV</Button>
              <Button disabled={busy} onClick={() => void exportAs('csv', ['assessments'])}>研判记录 CSV</Button>
              <Button disabled={busy} onClick={() => void exportAs('csv', ['actions'])}>交办事项 CSV</Button>
            </Space>
          </Card>
        </Col>
        <Col span={8}>
          <Card title="数据库备份" extra={<SafetyCertificateOutlined />}>
            <p>启动时（数据自上次备份后有改动才备份，不耽误打开）、每次导入和升级前自动备份；{rotationText()}。</p>
            <Button icon={<SafetyCertificateOutlined />} disabled={busy} onClick={() => void backupNow()}>立即备份</Button>
            {info && (
              <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }} data-testid="db-location">
                台账文件：<Typography.Text code copyable>{info.dbPath}</Typography.Text>（{DB_SCOPE_LABELS[info.dbLocation.scope]}）
              </Typography.Paragraph>
            )}
            {info?.dbLocation.note && <Alert type="warning" showIcon style={{ marginTop: 8 }} message={info.dbLocation.note} />}
          </Card>
        </Col>
      </Row>
      <Card title="备份文件" size="small" style={{ marginTop: 16 }} extra={<span data-testid="backup-total">本台账共 {backups.length} 份，合计 {formatBytes(backups.reduce((n, b) => n + b.size, 0))}</span>}>
        <Table<BackupEntry> size="small" rowKey="name" dataSource={backups} pagination={false}
          locale={{ emptyText: '还没有备份' }}
          columns={[
            { title: '时间', dataIndex: 'at', render: (t: string) => local(t), width: 200 },
            { title: '原因', dataIndex: 'reason', render: (r: string) => BACKUP_REASONS[r] ?? r, width: 200 },
            { title: '大小', dataIndex: 'size', render: formatBytes, width: 100 },
            { title: '文件名', dataIndex: 'name' },
            { title: '', key: 'dl', width: 190, render: (_: unknown, b) => (
              <Space>
                <Button size="small" icon={<CloudDownloadOutlined />} onClick={() => void download(b.name)}>下载</Button>
                <Popconfirm title="恢复这个备份？" description="先检查备份是否完好；当前数据库会先另存为备份，之后的修改需重新录入。" okText="恢复" cancelText="取消" onConfirm={() => void restore(b.name)}>
                  <Button size="small" danger disabled={busy}>恢复</Button>
                </Popconfirm>
              </Space>
            ) },
          ]} />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          恢复前会先检查备份是否完好，当前数据库会先另存为备份（原因为「恢复前保存的当前数据库」）。也可在命令行运行 <Typography.Text code>yanpan restore --db 数据库 --from 备份文件</Typography.Text>。数据库损坏时，程序启动会直接提示恢复最近的完好备份。
        </Typography.Paragraph>
      </Card>
      <ImportWizard open={wizard} onClose={() => { setWizard(false); void loadBackups(); }} onImported={onChanged} />
    </div>
  );
}
