// What a host offers for turning the print route into PDF. The web host and the CLI use headless
// Chromium (chromium.ts); the Electron host uses webContents.printToPDF (electron.ts).
import type { ApiError } from '../../shared/contract/index.js';
import { AppError } from '../../shared/errors.js';

export interface PdfJob {
  /** Called when the stage changes ('排版' while the page lays out, '生成PDF' while printing). */
  onStage?: (stage: '排版' | '生成PDF') => void;
  /** Aborting closes the page: the PDF call rejects with a CancelledError. */
  signal?: AbortSignal;
}

export interface Printer {
  /** route: the hash route of the renderer, e.g. "#/print/weekly?q=…". */
  pdf: (route: string, job?: PdfJob) => Promise<Buffer>;
  /** PNG pictures of the elements matching `selector` on the laid-out print route (charts for Word). */
  images?: (route: string, selector: string) => Promise<Buffer[]>;
  /** Prints the route on paper through the system print dialog (desktop only; a browser prints its own window). */
  paper?: (route: string, copies: number) => Promise<void>;
  close: () => Promise<void>;
}

/** Filled in by the host once it knows where the renderer is served. */
export interface PrinterSlot {
  current?: Printer;
}

export class CancelledError extends Error {
  constructor() {
    super('已取消');
  }
}

const PAGE_ERROR_CODES: readonly string[] = ['INVALID_INPUT', 'NOT_FOUND', 'CONFLICT', 'FORBIDDEN', 'DB_ERROR', 'CANCELLED', 'INTERNAL'] satisfies ApiError['code'][];

/**
 * The print page could not lay out the document: its message is the Chinese answer of the API call
 * it made (data-print-error, code in data-print-error-code), passed on as the page had it.
 */
export function printPageError(message: string, code?: string | null): AppError {
  return new AppError(code && PAGE_ERROR_CODES.includes(code) ? (code as ApiError['code']) : 'INVALID_INPUT', message);
}

/** Pages in a PDF produced by Chromium (one /Type /Page object per page). */
export function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}
