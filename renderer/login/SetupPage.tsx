// 首次设置: the bureau's name and code prefix, and the first 系统管理员 with the password they
// choose here — there is no default password anywhere.
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { authCall, AuthError, type SignedIn } from './auth';
import { RecoveryKeyNotice } from './RecoveryKeyNotice';
import { NewPasswordFields } from './NewPasswordFields';
import { DB_SCOPE_LABELS, splitListNames, type RegisterPlace } from '../../shared/settings';

interface Values {
  cityName: string;
  cityPrefix: string;
  /** Typed as text, one county per line; sent as a list. */
  regions: string;
  name: string;
  displayName: string;
  password: string;
  again: string;
}

export function SetupPage({ place, onIn }: { place?: RegisterPlace; onIn: (account: SignedIn) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Set up and encrypted: the recovery key is shown once before the app opens.
  const [done, setDone] = useState<{ account: SignedIn; recoveryKey: string; bureau: string } | null>(null);
  const submit = async ({ again: _again, regions, ...v }: Values) => {
    setBusy(true);
    setError(null);
    try {
      const s = await authCall('setup', { ...v, regions: splitListNames(regions) });
      if (s.state === 'in' && s.account) {
        if (s.recoveryKey) setDone({ account: s.account, recoveryKey: s.recoveryKey, bureau: `${v.cityName}信访局` });
        else onIn(s.account);
      }
    } catch (e) {
      setError(e instanceof AuthError ? e.message : '设置没有完成，请重试。');
    } finally {
      setBusy(false);
    }
  };
  if (done) {
    return (
      <div className="yp-login" data-testid="setup-page">
        <Card style={{ width: 560 }}>
          <Typography.Title level={3} style={{ marginTop: 0 }}>
            设置完成：台账已加密
          </Typography.Title>
          <RecoveryKeyNotice recoveryKey={done.recoveryKey} bureau={done.bureau} onDone={() => onIn(done.account)} />
        </Card>
      </div>
    );
  }
  return (
    <div className="yp-login" data-testid="setup-page">
      <Card style={{ width: 560 }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          首次设置
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          填写本单位信息，并建立第一个系统管理员账号。系统管理员只管理账号和角色，不编辑台账；研判员、领导等账号由他在“账号”页中建立。台账随即加密：只有本单位的账号（或密封保管的恢复密钥）能打开它。
        </Typography.Paragraph>
        {place && (
          // Where the register lives: the installer or the start-up's --db decides it; set-up says so before it is filled.
          <Typography.Paragraph data-testid="setup-place" style={{ marginBottom: 12 }}>
            台账文件：<Typography.Text code>{place.dbPath}</Typography.Text>（{DB_SCOPE_LABELS[place.dbLocation.scope]}）
            {place.dbLocation.note && <Alert type="warning" showIcon message={place.dbLocation.note} style={{ marginTop: 8 }} />}
          </Typography.Paragraph>
        )}
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
        <Form<Values> layout="vertical" onFinish={submit} requiredMark={false}>
          <div style={{ display: 'flex', gap: 12 }}>
            <Form.Item name="cityName" label="城市（单位为“××信访局”）" rules={[{ required: true, message: '请填写城市名称' }]} style={{ flex: 2 }}>
              <Input placeholder="如：江城市" />
            </Form.Item>
            <Form.Item name="cityPrefix" label="编号前缀" rules={[{ required: true, pattern: /^[A-Z]{1,6}$/, message: '1–6 个大写字母' }]} style={{ flex: 1 }}>
              <Input placeholder="如：JC" />
            </Form.Item>
          </div>
          <Form.Item
            name="regions"
            label="下辖区县（每行一个，也可用顿号分隔）"
            extra="风险隐患按区县登记；以后可在“设置 → 县区”中增改。"
            rules={[{ required: true, whitespace: true, message: '请至少填写一个下辖区县' }]}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} placeholder={'如：城关区、临江区、东山县'} />
          </Form.Item>
          <div style={{ display: 'flex', gap: 12 }}>
            <Form.Item name="name" label="系统管理员账号" rules={[{ required: true, message: '请填写账号名' }]} style={{ flex: 1 }}>
              <Input autoComplete="username" />
            </Form.Item>
            <Form.Item name="displayName" label="姓名" rules={[{ required: true, message: '请填写姓名' }]} style={{ flex: 1 }}>
              <Input />
            </Form.Item>
          </div>
          <div style={{ display: 'flex', gap: 12 }}>
            <NewPasswordFields label="密码" style={{ flex: 1 }} />
          </div>
          <Button type="primary" htmlType="submit" loading={busy}>
            完成设置并登录
          </Button>
        </Form>
      </Card>
    </div>
  );
}
