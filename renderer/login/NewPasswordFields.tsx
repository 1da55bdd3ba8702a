// A new password typed twice (set-up, a change, a recovery): one pair of fields with the policy's
// hint and the "twice the same" check.
import { Form, Input } from 'antd';
import type { CSSProperties } from 'react';

export function NewPasswordFields({ name = 'password', label = '新密码', hint = '至少 8 位，含大写、小写字母、数字、符号中的 3 类', style }: { name?: string; label?: string; hint?: string; style?: CSSProperties }) {
  return (
    <>
      <Form.Item name={name} label={label} extra={hint} rules={[{ required: true, message: `请填写${label}` }]} style={style}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="again"
        label="再输一次"
        dependencies={[name]}
        rules={[{ required: true, message: '请再输一次' }, ({ getFieldValue }) => ({ validator: (_, v) => (v === getFieldValue(name) ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致'))) })]}
        style={style}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
