// One action: its facts, the allowed next steps, the feedback log with attachments, extensions.
import { useCallback, useEffect, useState } from 'react';
import { App, Button, Checkbox, Descriptions, Drawer, Empty, Form, Input, InputNumber, Modal, Space, Tag, Timeline, Tooltip, Typography, Upload } from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import type { UploadFile } from 'antd';
import { api } from '../api';
import { useErrorReporter } from '../shell/useApi';
import { ACTION_EVENT_LABELS, ACTION_TRANSITIONS, actionEventRoleNote, EXTENSION_DECIDERS, EXTENSION_DECIDERS_NOTE, type ActionEvent } from '../../shared/actions';
import { useOptionalSession } from '../login/session';
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES, MAX_FEEDBACK_ATTACHMENTS, type ActionDetail } from '../../shared/actionItems';
import { mimeFromName, type AttachmentMime } from '../../shared/attachments';
import { DueTag, SupervisionTag } from './SupervisionTag';

async function toBase64(f: File): Promise<string> {
  const buf = new Uint8Array(await f.arrayBuffer());
  let s = '';
  for (let i = 0; i < buf.length; i += 0x8000) s += String.fromCharCode(...buf.subarray(i, i + 0x8000));
  return btoa(s);
}

async function download(id: number) {
  const f = await api('actions.attachment', { id });
  const bin = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bin], { type: f.mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = f.name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function ActionDrawer({ id, onClose, onChanged }: { id: number | null; onClose: () => void; onChanged: () => void }) {
  const report = useErrorReporter();
  const { message, modal } = App.useApp();
  const [d, setD] = useState<ActionDetail | null>(null);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [sending, setSending] = useState(false);
  const [reasonFor, setReasonFor] = useState<ActionEvent | null>(null);
  const [extOpen, setExtOpen] = useState(false);
  const [fbForm] = Form.useForm<{ text: string; by: string; final: boolean }>();
  const [reasonForm] = Form.useForm<{ reason: string }>();
  const [extForm] = Form.useForm<{ days: number; reason: string }>();
  // What this account may decide (审核办结 and 延期 are the 领导's); the dispatcher refuses the same.
  const role = useOptionalSession()?.info.account.role ?? '查看';
  const decidesExtensions = (EXTENSION_DECIDERS as readonly string[]).includes(role);

  const load = useCallback(() => {
    if (id) api('actions.get', { id }).then(setD, report);
  }, [id, report]);
  useEffect(() => {
    setD(null);
    load();
  }, [load]);

  const done = (text: string) => {
    message.success(text);
    load();
    onChanged();
  };

  const move = async (event: ActionEvent, reason?: string) => {
    if (!d) return;
    try {
      await api('actions.transition', { id: d.action.id, version: d.action.version, event, reason });
      done(`已${ACTION_EVENT_LABELS[event]}`);
    } catch (e) {
      report(e);
    }
  };

  // Each file goes up on its own (one request of at most 10 MB), then the feedback names them:
  // the feedback and all its files are stored together, or nothing is.
  const addFeedback = async () => {
    if (!d) return;
    const v = await fbForm.validateFields();
    setSending(true);
    try {
      const uploads: string[] = [];
      for (const [i, f] of files.entries()) {
        const raw = f.originFileObj as File;
        if (raw.size > MAX_ATTACHMENT_BYTES) throw new Error(`附件「${raw.name}」超过 ${MAX_ATTACHMENT_BYTES / 1048576} MB，请压缩或分页扫描后再上传`);
        message.open({ key: 'upload', type: 'loading', content: `正在上传附件 ${i + 1}/${files.length}：${raw.name}`, duration: 0 });
        const mime = ((ATTACHMENT_TYPES as readonly string[]).includes(raw.type) ? raw.type : (mimeFromName(raw.name) ?? 'application/pdf')) as AttachmentMime;
        const u = await api('actions.attachmentUpload', { name: raw.name, mime, base64: await toBase64(raw) });
        uploads.push(u.uploadId);
      }
      message.destroy('upload');
      await api('actions.feedback', { actionId: d.action.id, version: d.action.version, text: v.text, by: v.by ?? '', final: !!v.final, uploads });
      fbForm.resetFields();
      setFiles([]);
      done(uploads.length ? `已记录反馈（附件 ${uploads.length} 个）` : '已记录反馈');
    } catch (e) {
      message.destroy('upload');
      report(e);
    } finally {
      setSending(false);
    }
  };

  const a = d?.action;
  const next = a ? (Object.keys(ACTION_TRANSITIONS[a.state]) as ActionEvent[]).filter((e) => e !== 'feedback') : [];
  const pending = d?.extensions.find((x) => x.status === '待审批');
  return (
    <Drawer open={id !== null} onClose={onClose} width={720} title={a ? `交办 ${a.code}` : '交办事项'} destroyOnHidden>
      {!a ? null : (
        <>
          <Space wrap style={{ marginBottom: 12 }}>
            <Tag color="blue" data-testid="action-state">{a.state}</Tag>
            <DueTag due={a.due} />
            <SupervisionTag level={a.due.level} />
            {next.map((e) => {
              const note = actionEventRoleNote(e, role);
              return (
                <Tooltip key={e} title={note}>
                  <Button disabled={!!note} type={e === 'approve' ? 'primary' : 'default'} danger={e === 'return'} onClick={() => (e === 'return' ? setReasonFor(e) : e === 'approve' ? modal.confirm({ title: '审核办结', content: `确认${a.code}已按要求办结？办结后不再督办。`, okText: '确认办结', onOk: () => move(e) }) : void move(e))}>
                    {ACTION_EVENT_LABELS[e]}
                  </Button>
                </Tooltip>
              );
            })}
            {a.state !== '办结' && !pending && <Button onClick={() => setExtOpen(true)}>申请延期</Button>}
          </Space>
          {pending && (
            <div className="yp-notice">
              延期申请：{pending.days} 天，理由：{pending.reason}（{pending.requestedBy}，{pending.requestedOn}）
              <Space style={{ marginLeft: 12 }}>
                <Tooltip title={decidesExtensions ? null : EXTENSION_DECIDERS_NOTE}>
                  <Button size="small" type="primary" disabled={!decidesExtensions} onClick={() => api('actions.decideExtension', { actionId: a.id, version: a.version, extensionId: pending.id, approve: true }).then(() => done('已同意延期'), report)}>同意</Button>
                </Tooltip>
                <Tooltip title={decidesExtensions ? null : EXTENSION_DECIDERS_NOTE}>
                  <Button size="small" disabled={!decidesExtensions} onClick={() => api('actions.decideExtension', { actionId: a.id, version: a.version, extensionId: pending.id, approve: false }).then(() => done('已驳回延期'), report)}>不同意</Button>
                </Tooltip>
              </Space>
            </div>
          )}
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label="交办内容及要求" span={2}>{a.content}</Descriptions.Item>
            <Descriptions.Item label="牵头单位">{a.leadUnit}</Descriptions.Item>
            <Descriptions.Item label="配合单位">{a.coUnits.join('、') || '—'}</Descriptions.Item>
            <Descriptions.Item label="责任领导">{a.leadLeader || '—'}</Descriptions.Item>
            <Descriptions.Item label="联系人">{a.contact || '—'}</Descriptions.Item>
            <Descriptions.Item label="交办日期">{a.issuedAt}</Descriptions.Item>
            <Descriptions.Item label="办结时限">
              {a.dueAt}
              {a.dueRule && `（${a.dueRule}）`}
              {a.originalDueAt !== a.dueAt && <Typography.Text type="secondary">，原定 {a.originalDueAt}</Typography.Text>}
            </Descriptions.Item>
            <Descriptions.Item label="反馈频次">{a.feedbackCycle}</Descriptions.Item>
            <Descriptions.Item label="来源会议">{a.meetingLabel ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="关联风险" span={2}>{a.risks.map((r) => `${r.code} ${r.title}`).join('；') || '—'}</Descriptions.Item>
            {a.returnReason ? <Descriptions.Item label="退回原因" span={2}>{a.returnReason}</Descriptions.Item> : null}
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 16 }}>反馈记录</Typography.Title>
          {d!.feedback.length === 0 ? <Empty description="暂无反馈" /> : (
            <Timeline
              items={d!.feedback.map((f) => ({
                color: f.kind === '退回' ? 'red' : f.kind === '审核' ? 'green' : 'blue',
                children: (
                  <div data-testid="feedback-entry">
                    <Typography.Text strong>{f.date} {f.kind}</Typography.Text> <Typography.Text type="secondary">{f.by}</Typography.Text>
                    <div>{f.text}</div>
                    {f.attachments.map((x) => (
                      <Button key={x.id} type="link" size="small" icon={<PaperClipOutlined />} onClick={() => download(x.id).catch(report)}>
                        {x.name}（{Math.ceil(x.size / 1024)} KB）
                      </Button>
                    ))}
                  </div>
                ),
              }))}
            />
          )}
          {a.state !== '办结' && (
            <Form form={fbForm} layout="vertical" style={{ background: '#fafafa', padding: 12 }}>
              <Form.Item name="text" label="反馈内容" rules={[{ required: true, min: 2, message: '请填写反馈内容（至少 2 个字）' }]}>
                <Input.TextArea rows={3} />
              </Form.Item>
              <Space align="start" wrap>
                <Form.Item name="by" label="反馈人">
                  <Input style={{ width: 160 }} />
                </Form.Item>
                <Form.Item label={`附件（PDF 或图片，最多 ${MAX_FEEDBACK_ATTACHMENTS} 个，每个不超过 10 MB）`}>
                  <Upload accept={ATTACHMENT_TYPES.join(',')} multiple maxCount={MAX_FEEDBACK_ATTACHMENTS} fileList={files} beforeUpload={() => false} onChange={({ fileList }) => setFiles(fileList)}>
                    <Button icon={<UploadOutlined />}>选择文件</Button>
                  </Upload>
                </Form.Item>
              </Space>
              <Form.Item name="final" valuePropName="checked">
                <Checkbox disabled={!ACTION_TRANSITIONS[a.state].feedback}>这是办理结果（报送后进入“已反馈”，等待审核）</Checkbox>
              </Form.Item>
              <Button type="primary" loading={sending} onClick={addFeedback}>记录反馈</Button>
            </Form>
          )}
          <Modal title="退回重办" open={reasonFor !== null} onCancel={() => setReasonFor(null)} okText="退回" destroyOnHidden
            onOk={async () => {
              const v = await reasonForm.validateFields();
              setReasonFor(null);
              await move('return', v.reason);
            }}>
            <Form form={reasonForm} layout="vertical">
              <Form.Item name="reason" label="退回原因" rules={[{ required: true, min: 2, message: '请写明退回原因（至少 2 个字）' }]}>
                <Input.TextArea rows={3} />
              </Form.Item>
            </Form>
          </Modal>
          <Modal title="申请延期" open={extOpen} onCancel={() => setExtOpen(false)} okText="提交申请" destroyOnHidden
            onOk={async () => {
              const v = await extForm.validateFields();
              try {
                await api('actions.requestExtension', { actionId: a.id, version: a.version, days: v.days, reason: v.reason });
                setExtOpen(false);
                done('已提交延期申请');
              } catch (e) {
                report(e);
              }
            }}>
            <Form form={extForm} layout="vertical">
              <Form.Item name="days" label="延期天数" rules={[{ required: true, message: '请填写天数' }]}>
                <InputNumber min={1} max={90} addonAfter="天" />
              </Form.Item>
              <Form.Item name="reason" label="延期理由" rules={[{ required: true, min: 2, message: '请填写延期理由' }]}>
                <Input.TextArea rows={3} />
              </Form.Item>
            </Form>
          </Modal>
        </>
      )}
    </Drawer>
  );
}
