import type { DocumentMetadataHints } from '../document-metadata.ts';

/** What a format extractor returns: plain text plus any metadata the format itself carries. */
export type ExtractedDocument = {
  format: 'html' | 'markdown' | 'text' | 'pdf' | 'docx';
  text: string;
  encoding?: string;
  hints: DocumentMetadataHints;
};
