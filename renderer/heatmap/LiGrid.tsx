// Likelihood × impact grid in SVG (recharts has no heat map): each cell is coloured and hatched by
// its matrix band, labelled with the band's word and the count, and clickable for its risks.
import type { HeatGrid } from '../../shared/heatmap';
import { LevelPatterns, LEVEL_SHORT } from './levels';

const CELL = 78;
const PAD_L = 70;
const PAD_B = 56;

function band(score: number, b: HeatGrid['bands']): number {
  return score >= b.red ? 1 : score >= b.orange ? 2 : score >= b.yellow ? 3 : 4;
}

interface Props {
  grid: HeatGrid;
  selected?: { l: number; i: number } | null;
  onSelect: (l: number, i: number) => void;
}

export function LiGrid({ grid, selected, onSelect }: Props) {
  const n = grid.size;
  const W = PAD_L + n * CELL + 10;
  const H = n * CELL + PAD_B + 10;
  const count = (l: number, i: number) => grid.cells.find((c) => c.likelihood === l && c.impact === i)?.count ?? 0;
  return (
    <svg width={W} height={H} role="img" aria-label={`风险矩阵：可能性 × 影响程度，共 ${grid.total} 件`} style={{ fontFamily: 'inherit' }}>
      <LevelPatterns />
      {Array.from({ length: n }, (_, li) =>
        Array.from({ length: n }, (_, ii) => {
          const l = n - li; // likelihood grows upwards
          const i = ii + 1;
          const b = band(l * i, grid.bands);
          const c = count(l, i);
          const x = PAD_L + ii * CELL;
          const y = li * CELL + 4;
          const isSel = selected?.l === l && selected?.i === i;
          return (
            <g
              key={`${l}-${i}`}
              data-testid={`cell-${l}-${i}`}
              data-count={c}
              role="button"
              aria-label={`可能性 ${l}，影响程度 ${i}，${LEVEL_SHORT[b]}区，${c} 件`}
              tabIndex={0}
              style={{ cursor: 'pointer' }}
              onClick={() => onSelect(l, i)}
              onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && onSelect(l, i)}
            >
              <rect x={x} y={y} width={CELL - 3} height={CELL - 3} fill={`url(#yp-pat-${b})`} opacity={c ? 1 : 0.35} stroke={isSel ? '#111827' : '#fff'} strokeWidth={isSel ? 3 : 1} rx={3} />
              <rect x={x + 14} y={y + 20} width={CELL - 31} height={30} fill="#fff" fillOpacity={c ? 0.92 : 0.6} rx={4} />
              <text x={x + (CELL - 3) / 2} y={y + 42} textAnchor="middle" fontSize={20} fontWeight={700} fill="#111827">{c}</text>
              <text x={x + (CELL - 3) / 2} y={y + 14} textAnchor="middle" fontSize={11} fill="#fff" fontWeight={600}>{LEVEL_SHORT[b]} {l * i}分</text>
            </g>
          );
        }),
      )}
      {Array.from({ length: n }, (_, k) => (
        <g key={k}>
          <text x={PAD_L - 10} y={k * CELL + 4 + CELL / 2} textAnchor="end" fontSize={13}>{n - k}</text>
          <text x={PAD_L + k * CELL + CELL / 2} y={n * CELL + 24} textAnchor="middle" fontSize={13}>{k + 1}</text>
        </g>
      ))}
      <text x={PAD_L + (n * CELL) / 2} y={n * CELL + 48} textAnchor="middle" fontSize={14} fontWeight={600}>影响程度 →</text>
      <text transform={`translate(20, ${(n * CELL) / 2 + 4}) rotate(-90)`} textAnchor="middle" fontSize={14} fontWeight={600}>可能性 →</text>
    </svg>
  );
}
