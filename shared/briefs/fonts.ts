// Which font each role of a 公文 printed with, read from the fonts the last PDF embedded (browser
// font checks do not see system fonts; the PDF the host just made does). The names follow the
// font stacks of renderer/briefs/print/print.css: the 公文 fonts first, the bundled stand-ins last.

export interface FontRole {
  role: string;
  /** The 公文 font GB/T 9704 asks for. */
  wanted: string;
  /** PostScript-name fragments of that font as PDFs embed it (Windows, WPS, 方正 and macOS names). */
  official: string[];
  /** The bundled stand-in: how it shows among a PDF's embedded fonts, and its name for people. */
  standIn: { embedded: RegExp; name: string };
}

export const FONT_ROLES: FontRole[] = [
  { role: '正文', wanted: '仿宋_GB2312', official: ['FangSong', 'FangSong_GB2312', 'STFangsong', '仿宋'], standIn: { embedded: /^NotoSerifSC.*-Regular$/, name: 'Noto Serif SC（思源宋体）' } },
  { role: '标题、发文机关标志', wanted: '方正小标宋简体', official: ['FZXiaoBiaoSong', '方正小标宋'], standIn: { embedded: /^NotoSerifSC.*-Bold$/, name: 'Noto Serif SC 粗体（思源宋体）' } },
  { role: '一级标题、标签', wanted: '黑体', official: ['SimHei', 'STHeiti', '黑体'], standIn: { embedded: /^NotoSansSC/, name: 'Noto Sans SC（思源黑体）' } },
  { role: '二级标题', wanted: '楷体_GB2312', official: ['KaiTi', 'KaiTi_GB2312', 'STKaiti', '楷体'], standIn: { embedded: /^LXGWWenKai/, name: '霞鹜文楷' } },
];

export interface FontReport {
  role: string;
  wanted: string;
  /** What printed: the 公文 font, or its stand-in. */
  printed: string;
  missing: boolean;
}

/** Base font names of a PDF ("/BaseFont /ABCDEF+NotoSerifSC-Regular"), subset prefixes removed. */
export function pdfBaseFonts(pdfLatin1: string): string[] {
  return [...new Set([...pdfLatin1.matchAll(/\/BaseFont\s*\/([^\s/<>[\]()]+)/g)].map((m) => m[1].replace(/^[A-Z]{6}\+/, '')))];
}

/**
 * A role printed with its stand-in when the stand-in is among the embedded fonts (the bundled web
 * fonts come last in every stack, so they are used only when no installed font answered the name).
 */
export function fontReport(embedded: string[]): FontReport[] {
  const bundled = (f: string) => FONT_ROLES.some((r) => r.standIn.embedded.test(f));
  return FONT_ROLES.map((r) => {
    if (embedded.some((f) => r.standIn.embedded.test(f))) return { role: r.role, wanted: r.wanted, printed: r.standIn.name, missing: true };
    const installed = embedded.find((f) => r.official.some((o) => f.includes(o))) ?? embedded.filter((f) => !bundled(f)).join('、');
    return { role: r.role, wanted: r.wanted, printed: installed || r.wanted, missing: false };
  });
}
