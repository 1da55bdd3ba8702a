// The meeting's two weighty steps, each behind a confirmation: 签发 (with the 签发人 picked from the
// meeting's leaders, never typed) and 取消会议 (with a reason; the meeting stays on record as 已取消).
import { useEffect, useState } from 'react';
import { Input, Modal, Radio, Space, Typography } from 'antd';
import { meetingDisplayName, meetingSigners, type MeetingRow } from '../../shared/meetings';

export function SignDialog(p: { open: boolean; meeting: MeetingRow; onClose: () => void; onSign: (signer: string) => Promise<void> }) {
  const signers = meetingSigners(p.meeting);
  const first = signers[0];
  const [signer, setSigner] = useState<string | undefined>(first);
  useEffect(() => {
    if (p.open) setSigner(first);
  }, [p.open, first]);
  return (
    <Modal title="签发纪要" open={p.open} onCancel={p.onClose} okText="确认签发" okButtonProps={{ disabled: !signer }} onOk={() => signer && p.onSign(signer)} destroyOnHidden>
      <Typography.Paragraph>签发{meetingDisplayName(p.meeting)}的纪要（第{p.meeting.minutesVersion}版）。签发后会议锁定，纪要、议程和会议记录都不能再改；如需更正须“重新打开”并写明原因，本版原样保留。</Typography.Paragraph>
      {signers.length ? (
        <>
          <Typography.Text strong>签发人：</Typography.Text>
          <Radio.Group aria-label="签发人" value={signer} onChange={(e) => setSigner(e.target.value as string)}>
            <Space wrap>{signers.map((s) => <Radio key={s} value={s}>{s}</Radio>)}</Space>
          </Radio.Group>
        </>
      ) : (
        <Typography.Text type="danger">会议没有填写主持人和出席人员，无法选择签发人。请先在“基本信息”中补充。</Typography.Text>
      )}
    </Modal>
  );
}

export function CancelDialog(p: { open: boolean; meeting: MeetingRow; onClose: () => void; onCancel: (reason: string) => Promise<void> }) {
  const [reason, setReason] = useState('');
  return (
    <Modal title="取消会议" open={p.open} onCancel={p.onClose} okText="取消这次会议" okButtonProps={{ danger: true, disabled: reason.trim().length < 2 }} cancelText="不取消" onOk={() => p.onCancel(reason.trim())} destroyOnHidden>
      <Typography.Paragraph>{meetingDisplayName(p.meeting)}将标为“已取消”，留在会议记录中，不计为已召开。</Typography.Paragraph>
      <Input.TextArea aria-label="取消原因" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="请写明原因，例如：与专题会合并召开" />
    </Modal>
  );
}
