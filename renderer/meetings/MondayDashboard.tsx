// 我的周一: the meeting to prepare, how far its agenda is, and what is overdue.
import { useEffect, useState } from 'react';
import { Button, Card, Col, Empty, Progress, Row, Space, Statistic, Tag, Typography } from 'antd';
import { api } from '../api';
import { useErrorReporter, useFirstRead } from '../shell/useApi';
import { chineseDate } from '../../shared/dates';
import { SUPERVISION_LEVELS } from '../../shared/actions';
import type { MondayDashboard as Data } from '../../shared/contract/meetings';
import { meetingTitle } from '../../shared/meetingRules';
import { ActionTable } from '../actions/ActionTable';
import { SupervisionTag } from '../actions/SupervisionTag';
import { CreateMeetingButton } from './MeetingList';
import { go } from '../shell/route';
import { LevelTag } from '../register/LevelTag';

export function MondayDashboard() {
  const report = useErrorReporter();
  const first = useFirstRead('dashboard.monday', {});
  const [d, setD] = useState<Data | null>(first.value ?? null);
  useEffect(() => {
    if (!first.skipLoad()) api('dashboard.monday', {}).then(setD, report);
  }, [report, first]);
  if (!d) return null;
  const m = d.meeting;
  return (
    <Row gutter={[16, 16]}>
      <Col span={12}>
        <Card title="本周风险研判会（周例会）" data-testid="monday-meeting">
          {m ? (
            <>
              <Typography.Title level={4} style={{ marginTop: 0 }}>
                {meetingTitle(m)} · {chineseDate(m.date)} {m.startTime}
              </Typography.Title>
              <Space wrap>
                <Tag color="blue">{m.state}</Tag>
                {m.sensitivePeriod && <Tag color="red">敏感节点：{m.sensitivePeriod}</Tag>}
                <span>主持：{m.chair || '未定'}</span>
              </Space>
              {d.agenda && (
                <div style={{ marginTop: 12 }}>
                  <div>议程 {d.agenda.count} 项，计划 {d.agenda.minutes} 分钟 / 会议时长 {d.agenda.lengthMinutes} 分钟</div>
                  <Progress percent={Math.min(100, Math.round((d.agenda.minutes / d.agenda.lengthMinutes) * 100))} status={d.agenda.minutes > d.agenda.lengthMinutes ? 'exception' : 'normal'} />
                  {d.agenda.proposedNotAdded === null && m.state === '筹备' && <Typography.Text type="secondary">尚未生成议程建议</Typography.Text>}
                  {!!d.agenda.proposedNotAdded && <Typography.Text type="warning">还有 {d.agenda.proposedNotAdded} 项建议议题未列入议程</Typography.Text>}
                </div>
              )}
              <Space style={{ marginTop: 12 }} wrap>
                {m.state === '筹备' && <Button type="primary" onClick={() => go(`meetings/${m.id}?tab=agenda`)}>准备议程</Button>}
                {m.state === '进行中' && <Button type="primary" onClick={() => go(`meetings/${m.id}/run`)}>回到会议</Button>}
                {(m.state === '已召开' || m.state === '纪要拟稿') && <Button type="primary" onClick={() => go(`meetings/${m.id}?tab=minutes`)}>拟写纪要</Button>}
                {m.locked && <Button type="primary" href={`#/briefs?kind=weekly&meeting=${m.id}`}>打印专报</Button>}
                {m.locked && <CreateMeetingButton />}
                {!m.locked && m.state !== '筹备' && <Button onClick={() => go(`meetings/${m.id}`)}>打开会议</Button>}
              </Space>
            </>
          ) : (
            <Empty description={`尚未安排本周研判会。默认日期：${chineseDate(d.defaultDate)}`}>
              <CreateMeetingButton />
            </Empty>
          )}
        </Card>
      </Col>
      <Col span={12}>
        <Card title="督办概况">
          <Row gutter={8}>
            <Col span={8}><Statistic title="超期交办" value={d.overdueCount} valueStyle={{ color: d.overdueCount ? '#b71c1c' : undefined }} /></Col>
            <Col span={8}><Statistic title="临期（提醒）" value={d.dueSoonCount} /></Col>
            <Col span={8}><Statistic title="待审批延期" value={d.pendingExtensions} /></Col>
          </Row>
          <Space wrap style={{ marginTop: 12 }}>
            {SUPERVISION_LEVELS.map((l) => (
              <span key={l}><SupervisionTag level={l} />{d.byLevel[l]} 项</span>
            ))}
          </Space>
        </Card>
        <Card title="到期研判与敏感节点" style={{ marginTop: 16 }} data-testid="monday-reviews">
          <div style={{ marginBottom: 8 }}>
            <Typography.Text strong>敏感节点（{d.sensitiveDays} 天内）：</Typography.Text>
            {d.sensitiveAhead?.length ? d.sensitiveAhead.map((p) => (
              <Tag key={`${p.name}${p.start}`} color={p.state === '进行中' ? 'red' : 'orange'}>{p.name} {p.start} 至 {p.end}（{p.state === '进行中' ? '进行中' : `${p.daysToStart} 天后`}）</Tag>
            )) : '无'}
          </div>
          <Typography.Text strong>本周到期应研判：{d.dueForReviewCount} 项</Typography.Text>
          {d.dueForReview?.length ? (
            <ul style={{ paddingLeft: 18, margin: '6px 0 0' }}>
              {d.dueForReview.map((r) => (
                <li key={r.riskId}><LevelTag level={r.level} /> {r.code} {r.title} <Typography.Text type={r.nextReview < d.asOf ? 'danger' : 'secondary'}>（应于 {r.nextReview}）</Typography.Text></li>
              ))}
            </ul>
          ) : null}
          {d.dueForReviewCount > (d.dueForReview?.length ?? 0) && <Typography.Text type="secondary">另有 {d.dueForReviewCount - (d.dueForReview?.length ?? 0)} 项，见台账「下次研判」排序。</Typography.Text>}
        </Card>
      </Col>
      <Col span={24}>
        <Card title={`超期交办（${d.overdueCount}）`} extra={<a onClick={() => go('actions')}>全部交办</a>}>
          <ActionTable rows={d.overdue} onOpen={(id) => go(`actions/${id}`)} />
        </Card>
      </Col>
    </Row>
  );
}
