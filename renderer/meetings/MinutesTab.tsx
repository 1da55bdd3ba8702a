// Minutes text: edited while the meeting is unlocked; every signed version stays readable.
import { useEffect, useState } from 'react';
import { App, Button, Collapse, Empty, Input, Space, Typography } from 'antd';
import { api } from '../api';
import { useErrorReporter } from '../shell/useApi';
import { shanghaiDateTime } from '../../shared/dates';
import type { MeetingDetail } from '../../shared/meetings';

/** `pending` holds the edited text not yet saved (null when saved), so 签发 can save it first and sign what is on screen. */
export function MinutesTab({ detail, reload, pending }: { detail: MeetingDetail; reload: () => void; pending?: { current: string | null } }) {
  const m = detail.meeting;
  const report = useErrorReporter();
  const { message } = App.useApp();
  const [text, setText] = useState(m.minutesText);
  useEffect(() => setText(m.minutesText), [m.minutesText]);
  useEffect(() => {
    if (pending) pending.current = !m.locked && text !== m.minutesText ? text : null;
  }, [pending, text, m.minutesText, m.locked]);
  const save = () =>
    api('meetings.saveMinutes', { id: m.id, version: m.version, text }).then(() => {
      message.success('纪要已保存');
      reload();
    }, report);
  return (
    <>
      {m.locked ? (
        <div className="yp-minutes" data-testid="minutes-text">{m.minutesText}</div>
      ) : (
        <>
          <Input.TextArea aria-label="纪要正文" value={text} onChange={(e) => setText(e.target.value)} autoSize={{ minRows: 14 }} className="yp-minutes" />
          <Space style={{ marginTop: 8 }}>
            <Button type="primary" disabled={text === m.minutesText} onClick={save}>保存纪要</Button>
            <Button onClick={() => api('meetings.minutesDraft', { id: m.id }).then((r) => setText(r.text), report)}>按会议记录重新生成草稿</Button>
            <Typography.Text type="secondary">签发后会议锁定；如需更正须“重新打开”并写明原因。</Typography.Text>
          </Space>
        </>
      )}
      <Typography.Title level={5} style={{ marginTop: 20 }}>已签发版本</Typography.Title>
      {detail.minutesVersions.length === 0 ? <Empty description="尚未签发" /> : (
        <Collapse
          items={detail.minutesVersions.map((v) => ({
            key: v.versionNo,
            label: `第${v.versionNo}版 · ${v.signedBy} 签发于 ${shanghaiDateTime(v.signedAt)}${v.reopenedAt ? ` · 已于 ${shanghaiDateTime(v.reopenedAt)} 由${v.reopenedBy}重新打开，原因：${v.reopenReason}` : '（现行版本）'}`,
            children: <div className="yp-minutes">{v.text}</div>,
          }))}
        />
      )}
    </>
  );
}
