// 版记 on the foot of the last page (GB/T 9704 §7.4.1), exactly. Chromium's page fragmentation
// offers no way to put a block at the bottom of the last page, and its print layout rounds block
// positions on later pages differently from any layout a page script can measure. So a portrait
// document with a 版记 is laid out once in a multi-column box whose columns are text blocks
// (156 × 225 mm, the same fragmentation rules: avoid-breaks, repeated table headers, margins
// truncated at a break); the spacer before the 版记 takes the room left under the last column;
// then each printed page is a 156 × 225 mm window onto one column of a copy of that box. What
// each page shows is what was measured, so the 版记's last rule lands on the block's lower edge.
const COLUMN = { width: '156mm', height: '225mm' };
const MAX_SHEETS = 30;
const mmPx = (mm: number) => (mm * 96) / 25.4;

function multicol(article: HTMLElement): HTMLElement {
  const box = document.createElement('div');
  box.className = 'gw-cols';
  Object.assign(box.style, { width: COLUMN.width, height: COLUMN.height, columnWidth: COLUMN.width, columnGap: '0', columnFill: 'auto' });
  box.appendChild(article.cloneNode(true));
  return box;
}

/** Lays out the sheets (print only; the on-screen article stays as it is). Returns the page count, or 0 when not paged. */
export function fitColophon(article: HTMLElement | null): number {
  document.querySelectorAll('.gw-sheets, .gw-probe').forEach((e) => e.remove());
  document.body.classList.remove('gw-paged');
  const spacer = article?.querySelector<HTMLElement>('.gw-foot-spacer');
  if (!article || !spacer || !article.classList.contains('gw-portrait')) return 0;
  spacer.style.height = '0px';
  // A forced page break (the 专报's 附件) inside the column box breaks the printed sheet in Chromium's
  // print layout: such documents print in plain flow, the 版记 after the last line (known gap).
  if (article.querySelector('.gw-pagebreak')) return 0;
  // A document whose text alone fills more sheets than are made prints in plain flow whatever the probe
  // measures: skip the probe, a multi-column copy of it all (seconds for a 100-page 专报). Paging only
  // adds room (avoided breaks, repeated table heads) save a margin dropped at each break, well inside 10 %.
  if (article.clientHeight > 1.1 * (MAX_SHEETS + 1) * mmPx(225) + mmPx(37 + 35)) return 0;
  const probe = document.createElement('div');
  probe.className = 'gw-probe';
  Object.assign(probe.style, { position: 'absolute', left: '-20000px', top: '0', visibility: 'hidden' });
  const box = multicol(article);
  probe.appendChild(box);
  document.body.appendChild(probe);
  let pages = 0;
  try {
    const at = () => {
      const rects = box.querySelector('.gw-colophon')?.getClientRects();
      const last = rects?.[rects.length - 1];
      const frame = box.getBoundingClientRect();
      return last ? { column: Math.round((last.left - frame.left) / frame.width), bottom: last.bottom - frame.top, height: frame.height } : null;
    };
    const first = at();
    if (!first) return 0;
    const free = first.height - first.bottom;
    if (free > 0.5) {
      const px = `${Math.floor((free - 0.25) * 4) / 4}px`;
      spacer.style.height = px;
      box.querySelector<HTMLElement>('.gw-foot-spacer')!.style.height = px;
    }
    pages = (at()?.column ?? first.column) + 1;
  } finally {
    probe.remove();
  }
  // Each sheet holds a copy of the whole column box: fine for a brief, not for a long document.
  if (pages > MAX_SHEETS) {
    spacer.style.height = '0px';
    return 0;
  }
  const sheets = document.createElement('div');
  sheets.className = 'gw-sheets';
  sheets.setAttribute('aria-hidden', 'true');
  for (let k = 0; k < pages; k++) {
    const sheet = document.createElement('div');
    sheet.className = 'gw-sheet';
    const cols = multicol(article);
    cols.style.marginLeft = `calc(-${k} * ${COLUMN.width})`;
    sheet.appendChild(cols);
    sheets.appendChild(sheet);
  }
  document.body.appendChild(sheets);
  document.body.classList.add('gw-paged');
  return pages;
}
