// Renders the document model as HTML laid out per GB/T 9704 (print.css). The same component
// serves the print route (what Chromium/Electron turn into PDF) and the preview in the app.
import type { CSSProperties, ReactNode } from 'react';
import { keepsWithNext, UNBREAKABLE, type Block, type Doc, type Masthead } from '../../../shared/briefs/model';
import { heatShade } from '../../../shared/briefs/shade';
import './fonts';
import './print.css';

/** The 版记 follows an empty spacer that the print route sizes so it lands on the last page's foot (fitColophon.ts). */
export function DocView({ doc }: { doc: Doc }) {
  return (
    <article className={`gw-doc gw-${doc.orientation} gw-kind-${doc.kind}`}>
      {doc.masthead && <MastheadView m={doc.masthead} />}
      <h1 className="gw-title">{doc.title}</h1>
      {doc.subtitle && <p className="gw-subtitle">{doc.subtitle}</p>}
      {keepWithNext(doc.blocks).map((group, i) =>
        group.length === 1 ? (
          <BlockView key={i} b={group[0]} />
        ) : (
          <div key={i} className="gw-keep">
            {group.map((b, j) => (
              <BlockView key={j} b={b} />
            ))}
          </div>
        ),
      )}
      {doc.colophon && <div className="gw-foot-spacer" />}
      {doc.colophon && <ColophonView c={doc.colophon} />}
    </article>
  );
}

/**
 * A heading travels with the paragraph after it (keepsWithNext), so no heading is left alone at a page foot. (Not
 * with a table: an unbreakable group taller than a page would not fit anywhere; a table's own
 * caption and header already stay with its first row.)
 */
function keepWithNext(blocks: Block[]): Block[][] {
  const out: Block[][] = [];
  let pending: Block[] = [];
  for (const b of blocks) {
    if (pending.length && b.t !== 'p' && b.t !== 'h' && b.t !== 'title') {
      out.push(...pending.map((x) => [x]));
      pending = [];
    }
    pending.push(b);
    if (keepsWithNext(b)) continue;
    out.push(pending);
    pending = [];
  }
  if (pending.length) out.push(pending);
  return out;
}

function ColophonView({ c }: { c: NonNullable<Doc['colophon']> }) {
  return (
    <footer className="gw-colophon">
      <div className="gw-rule gw-rule-35" />
      {c.cc && <p className="gw-cc">{c.cc}</p>}
      {c.cc && <div className="gw-rule gw-rule-25" />}
      <p className="gw-printer">
        <span>{c.printer}</span>
        <span>{c.printDate}</span>
      </p>
      <div className="gw-rule gw-rule-35" />
    </footer>
  );
}

/** Codes and dates (UNBREAKABLE) are never split across lines. */
export function Words({ text }: { text: string }): ReactNode {
  const parts = text.split(UNBREAKABLE);
  if (parts.length === 1) return text;
  return parts.map((s, i) => (i % 2 ? <span key={i} className="gw-nw">{s}</span> : s));
}

/** The mark shrinks so a long organ name still fits the 156 mm block on one line. */
function markSize(text: string): string {
  const pt = Math.min(36, Math.floor(420 / Math.max(1, [...text].length)));
  return `${pt}pt`;
}

function MastheadView({ m }: { m: Masthead }) {
  const mark = m.organ + (m.docName ?? '');
  return (
    <header className={`gw-masthead gw-mh-${m.style}`}>
      <div className="gw-mh-top">
        <div className="gw-mh-left">
          {m.copyNo && <div>{m.copyNo}</div>}
          {m.secret && <div>{m.secret}</div>}
          {m.urgency && <div>{m.urgency}</div>}
        </div>
        {m.internal && <div className="gw-mh-internal">内部资料 注意保存</div>}
      </div>
      <div className="gw-mh-mark" style={{ fontSize: markSize(mark) }}>
        {mark}
      </div>
      {(m.issue || m.signer) && (
        <div className={`gw-mh-issue${m.signer ? ' gw-mh-issue-signed' : ''}`}>
          <span>{m.issue}</span>
          {m.signer && (
            <span>
              <b className="gw-hei">签发人：</b>
              <span className="gw-kai">{m.signer}</span>
            </span>
          )}
        </div>
      )}
      {(m.editor || m.issueDateText) && (
        <div className="gw-mh-editor">
          <span>{m.editor}</span>
          <span>{m.issueDateText}</span>
        </div>
      )}
      {m.style === 'red' && <div className="gw-mh-rule" />}
    </header>
  );
}

function BlockView({ b }: { b: Block }): ReactNode {
  switch (b.t) {
    case 'p':
      return <p className={`gw-p${b.indent === false ? ' gw-noindent' : ''}${b.bold ? ' gw-bold' : ''}`} style={b.align ? { textAlign: b.align } : undefined}><Words text={b.text} /></p>;
    case 'h':
      return <p className={`gw-p gw-h${b.level}`}><Words text={b.text} /></p>;
    case 'table':
      return <TableView b={b} />;
    case 'heatmap':
      return (
        <figure className="gw-figure">
          <figcaption>{b.caption}</figcaption>
          <table className="gw-table gw-heat">
            <thead>
              <tr>
                <th style={{ width: '22%' }}>领域</th>
                {b.colLabels.map((c, i) => (
                  <th key={i} style={b.colHex ? { color: b.colHex[i] } : undefined}>{c}</th>
                ))}
                <th>合计</th>
              </tr>
            </thead>
            <tbody>
              {b.rowLabels.map((r, i) => (
                <tr key={r}>
                  <th>{r}</th>
                  {b.counts[i].map((n, j) => (
                    <td key={j} style={{ background: heatShade(n, b.counts, b.colHex?.[j]) }}>{n}</td>
                  ))}
                  <td>{b.counts[i].reduce((a, x) => a + x, 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </figure>
      );
    case 'trend':
      return <TrendView b={b} />;
    case 'attendance':
      return (
        <div className="gw-attendance">
          {b.rows.map((r) => (
            <p key={r.label} className="gw-p gw-noindent gw-att-row">
              <span className="gw-hei">{r.label}</span>
              <span>{r.names}</span>
            </p>
          ))}
        </div>
      );
    case 'signature':
      return (
        <div className="gw-signature">
          {b.organ && <p className="gw-p gw-noindent">{b.organ}</p>}
          <p className="gw-p gw-noindent">{b.date}</p>
        </div>
      );
    case 'receipt':
      return (
        <div className="gw-receipt">
          {b.labels.map((l) => (
            <span key={l}>{l}</span>
          ))}
        </div>
      );
    case 'title':
      return <h1 className="gw-title">{b.text}</h1>;
    case 'pagebreak':
      return <div className="gw-pagebreak" />;
  }
}

function TableView({ b }: { b: Extract<Block, { t: 'table' }> }) {
  const total = b.columns.reduce((a, c) => a + c.width, 0);
  const style: CSSProperties = b.fontPt ? { fontSize: `${b.fontPt}pt` } : {};
  const header = b.header ?? [b.columns.map((c) => ({ text: c.title, span: 1 }))];
  return (
    <figure className="gw-figure">
      {b.caption && <figcaption>{b.caption}</figcaption>}
      <table className="gw-table" style={style}>
        <colgroup>
          {b.columns.map((c, i) => (
            <col key={i} style={{ width: `${(c.width / total) * 100}%` }} />
          ))}
        </colgroup>
        <thead>
          {header.map((row, i) => (
            <tr key={i}>
              {row.map((c, j) => (
                <th key={j} colSpan={c.span ?? 1}>{c.text}</th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {b.rows.map((row, i) => (
            <tr key={i}>
              {row.map((c, j) => (
                <td key={j} style={{ textAlign: b.columns[j]?.align ?? 'left' }}><Words text={c} /></td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/** A still line chart in SVG (no animation, vector in the PDF, so it stays crisp at any zoom). */
function TrendView({ b }: { b: Extract<Block, { t: 'trend' }> }) {
  const W = 440;
  const H = 200;
  const pad = { l: 34, r: 10, t: 12, b: 28 };
  const max = Math.max(1, ...b.series.flatMap((s) => s.values));
  const x = (i: number) => pad.l + (b.labels.length <= 1 ? 0 : (i / (b.labels.length - 1)) * (W - pad.l - pad.r));
  const y = (v: number) => H - pad.b - (v / max) * (H - pad.t - pad.b);
  const palette = ['#c8161d', '#e67e22', '#d4a600', '#1f5fbf', '#333'];
  return (
    <figure className="gw-figure gw-trend">
      <figcaption>{b.caption}</figcaption>
      <svg viewBox={`0 0 ${W} ${H + 18}`} width="100%" role="img" aria-label={b.caption}>
        <line x1={pad.l} y1={H - pad.b} x2={W - pad.r} y2={H - pad.b} stroke="#000" strokeWidth="0.8" />
        <line x1={pad.l} y1={pad.t} x2={pad.l} y2={H - pad.b} stroke="#000" strokeWidth="0.8" />
        {[...new Set([0, Math.round(max / 2), max])].map((v) => (
          <text key={v} x={pad.l - 4} y={y(v) + 4} fontSize="10" textAnchor="end">{v}</text>
        ))}
        {b.labels.map((l, i) => (
          <text key={i} x={x(i)} y={H - pad.b + 14} fontSize="10" textAnchor="middle">{l}</text>
        ))}
        {b.series.map((s, k) => (
          <g key={s.name}>
            <polyline fill="none" stroke={s.hex ?? palette[k % palette.length]} strokeWidth="1.6" points={s.values.map((v, i) => `${x(i)},${y(v)}`).join(' ')} />
            <text x={pad.l + 8 + k * 80} y={H + 14} fontSize="10" fill={s.hex ?? palette[k % palette.length]}>— {s.name}</text>
          </g>
        ))}
      </svg>
    </figure>
  );
}
