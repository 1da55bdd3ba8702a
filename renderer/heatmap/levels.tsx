// Level colours plus grey-print patterns: every level is also a word and a hatch, never colour alone.
import { LEVELS } from '../../shared/labels';

export const LEVEL_HEX: Record<number, string> = { 0: '#9ca3af', ...Object.fromEntries(LEVELS.map((l) => [l.value, l.hex])) };
export const LEVEL_LABEL: Record<number, string> = { 0: '未定级', ...Object.fromEntries(LEVELS.map((l) => [l.value, `${l.name}（${l.color}）`])) };
export const LEVEL_SHORT: Record<number, string> = { 0: '未定级', ...Object.fromEntries(LEVELS.map((l) => [l.value, l.name])) };

/** SVG <defs> with one pattern per level: 重大 crosshatch, 较大 diagonal, 一般 dots, 低 plain. */
export function LevelPatterns() {
  return (
    <defs>
      <pattern id="yp-pat-1" width="8" height="8" patternUnits="userSpaceOnUse">
        <rect width="8" height="8" fill={LEVEL_HEX[1]} />
        <path d="M0 0L8 8M8 0L0 8" stroke="#fff" strokeOpacity="0.45" strokeWidth="1.2" />
      </pattern>
      <pattern id="yp-pat-2" width="8" height="8" patternUnits="userSpaceOnUse">
        <rect width="8" height="8" fill={LEVEL_HEX[2]} />
        <path d="M0 8L8 0" stroke="#fff" strokeOpacity="0.5" strokeWidth="1.2" />
      </pattern>
      <pattern id="yp-pat-3" width="8" height="8" patternUnits="userSpaceOnUse">
        <rect width="8" height="8" fill={LEVEL_HEX[3]} />
        <circle cx="4" cy="4" r="1.3" fill="#fff" fillOpacity="0.6" />
      </pattern>
      <pattern id="yp-pat-4" width="8" height="8" patternUnits="userSpaceOnUse">
        <rect width="8" height="8" fill={LEVEL_HEX[4]} />
      </pattern>
    </defs>
  );
}

export function LevelLegend() {
  return (
    <svg width={520} height={26} role="img" aria-label="图例：重大 红 交叉线，较大 橙 斜线，一般 黄 圆点，低 蓝 无纹">
      <LevelPatterns />
      {[1, 2, 3, 4].map((l, k) => (
        <g key={l} transform={`translate(${k * 128},4)`}>
          <rect width={22} height={18} fill={`url(#yp-pat-${l})`} stroke="#374151" strokeWidth={0.5} />
          <text x={28} y={14} fontSize={13} fill="#111827">{LEVEL_LABEL[l]}</text>
        </g>
      ))}
    </svg>
  );
}
