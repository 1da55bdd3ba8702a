// What each role of a 公文 printed with, from the fonts the host found embedded in its last PDF:
// a notice on the briefs page when stand-ins printed, and a small list for the settings page.
import { useEffect, useState } from 'react';
import { Alert, Card, Table, Tag, Typography } from 'antd';
import { api } from '../api';
import type { FontReport } from '../../shared/briefs/fonts';

export function useFontReport(refresh: unknown): { checked: boolean; roles: FontReport[] } | null {
  const [report, setReport] = useState<{ checked: boolean; roles: FontReport[] } | null>(null);
  useEffect(() => {
    api('briefs.fonts', {}).then(setReport, () => setReport(null));
  }, [refresh]);
  return report;
}

/** 公文字体缺失: shown when the last PDF printed any role with a stand-in. */
export function FontsNotice({ refresh }: { refresh: unknown }) {
  const report = useFontReport(refresh);
  const missing = report?.checked ? report.roles.filter((r) => r.missing) : [];
  if (!missing.length) return null;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 8 }}
      message="公文字体缺失"
      description={`本机未安装${[...new Set(missing.map((r) => r.wanted))].join('、')}，PDF 中${missing.map((r) => `${r.role}以${r.printed}代替`).join('；')}。安装这些字体后重新生成即可；Word 文件仍写明公文字体，在装有字体的电脑上打开即按公文字体显示。`}
    />
  );
}

export function FontsCard() {
  const report = useFontReport(null);
  return (
    <Card title="公文打印字体">
      {!report?.checked && <Typography.Paragraph type="secondary">本次运行还没有生成过 PDF。到“简报打印”生成一次后，这里列出各类文字实际使用的字体。</Typography.Paragraph>}
      <Table
        size="small"
        pagination={false}
        rowKey="role"
        dataSource={report?.roles ?? []}
        columns={[
          { title: '用途', dataIndex: 'role' },
          { title: '公文字体', dataIndex: 'wanted' },
          { title: '实际打印', render: (_, r: FontReport) => (report?.checked ? <>{r.printed} {r.missing ? <Tag color="orange">替代</Tag> : <Tag color="green">已安装</Tag>}</> : '—') },
        ]}
      />
    </Card>
  );
}
