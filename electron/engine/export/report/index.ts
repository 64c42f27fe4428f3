import { PDFDocument, StandardFonts } from 'pdf-lib';
import { CONTENT_DIGEST_KEYWORD } from '../bundle/layout';
import { drawCustody } from './custody';
import { drawEvents } from './events-table';
import { drawFindings } from './findings';
import { drawFooters } from './footer';
import { drawHistogram } from './histogram';
import { Pager } from './layout';
import { drawNotebook } from './notebook';
import { safeText } from './sanitize';
import { drawStats } from './stats';
import { makeFace } from './text';
import { drawTitlePage } from './title-page';
import type { ReportInput } from './types';

export type { ReportEvent, ReportInput } from './types';
export { DEFAULT_TABLE_LIMIT } from './events-table';

/**
 * Renders the evidence report of a bundle as an A4 PDF: title page, summary statistics, the
 * timeline (vector), the selected events, the notebook, findings and the custody log, with the
 * content digest in every page footer and in the metadata. Input text is untrusted and is shown
 * faithfully (see sanitize.ts); the same input gives the same bytes (dates come from createdAt).
 * `onProgress(done, total)` reports events read, every thousand and at the end.
 */
export async function renderReport(input: ReportInput, onProgress?: (done: number, total: number) => void): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const faces = {
    regular: makeFace(await doc.embedFont(StandardFonts.Helvetica)),
    bold: makeFace(await doc.embedFont(StandardFonts.HelveticaBold)),
    mono: makeFace(await doc.embedFont(StandardFonts.Courier)),
  };
  const p = new Pager(doc, faces, `${safeText(input.title)} \u00b7 case ${safeText(input.caseId)}`);

  drawTitlePage(p, input);
  p.newPage();
  drawStats(p, input);
  drawHistogram(p, input.histogram);
  await drawEvents(p, input, onProgress);
  p.newPage();
  drawNotebook(p, input.notebook);
  drawFindings(p, input.findings);
  drawCustody(p, input.custody);
  drawFooters(p, input.contentDigest);
  p.finish();

  const keyword = `${CONTENT_DIGEST_KEYWORD}${input.contentDigest}`;
  const tool = `${input.tool.name} ${input.tool.version}`;
  const at = new Date(input.createdAt);
  const date = Number.isNaN(at.getTime()) ? new Date(0) : at;
  doc.setTitle(input.title);
  doc.setAuthor(input.analyst.name);
  doc.setSubject(keyword);
  doc.setKeywords([keyword]);
  doc.setCreator(tool);
  doc.setProducer(`${tool} (pdf-lib)`);
  doc.setLanguage('en');
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  // Object streams keep a thousand-page table compact; a large tick keeps saving from idling.
  return doc.save({ useObjectStreams: true, objectsPerTick: 5000 });
}
