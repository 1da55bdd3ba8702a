import { Tag } from 'antd';
import { LEVELS } from '../../shared/labels';

/** Level shown as colour *and* words, so it reads in grey print and for colour-blind users. */
export function LevelTag({ level }: { level: number | null }) {
  const l = LEVELS.find((x) => x.value === level);
  if (!l) return <Tag>未定级</Tag>;
  return (
    <Tag color={l.hex} style={{ fontWeight: 600 }}>
      {l.name}（{l.color}）
    </Tag>
  );
}
