// Around an area's page: a spinner while its code loads (each area is its own chunk, see areas.tsx),
// and a Chinese message instead of a blank window when the code cannot be loaded (the host stopped,
// or was updated while this tab stayed open) or the page fails while rendering.
import { Component, Suspense, type ReactNode } from 'react';
import { Button, Result, Spin } from 'antd';

export function AreaBoundary({ children }: { children: ReactNode }) {
  return (
    <Caught>
      <Suspense fallback={<Spin style={{ display: 'block', margin: '64px auto' }} />}>{children}</Suspense>
    </Caught>
  );
}

class Caught extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <Result
        status="error"
        title="此页面未能打开"
        subTitle="界面文件未能载入或显示出错（程序可能已退出或已更新）。请刷新页面后重试，台账中的数据不受影响。"
        extra={<Button type="primary" onClick={() => window.location.reload()}>刷新页面</Button>}
      />
    );
  }
}
