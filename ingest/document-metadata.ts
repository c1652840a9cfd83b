/** Kinds of documents an office publishes; retrieval can filter on them. */
export const DOCUMENT_TYPES = [
  'regulation',
  'policy',
  'interpretation',
  'faq',
  'talking-points',
  'notice',
  'report',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** 有效性 as government sites print it. 已修订 means a newer edition replaces it. */
export const VALIDITY_VALUES = ['有效', '失效', '废止', '已修订', '尚未生效'] as const;
export type Validity = (typeof VALIDITY_VALUES)[number];

/** The metadata Chinese normative documents carry. Dates are ISO `YYYY-MM-DD`. */
export type DocumentMetadata = {
  title: string;
  docType: DocumentType;
  indexNumber?: string;
  issuer?: string;
  documentNumber?: string;
  writtenDate?: string;
  publishedDate?: string;
  effectiveDate?: string;
  validity: Validity;
  topic?: string;
  /** For an interpretation: the 《title》 or 文号 of the policy it explains. */
  interprets?: string;
  sourceUrl?: string;
  /** Who approved a talking point (口径). */
  approver?: string;
  /** Last day a talking point may be used, ISO date. */
  expiresOn?: string;
  /** Where a local document has force, highest level first (['浙江省', '杭州市']); [] for a national document. */
  region?: string[];
};

/** Partial metadata found by a format extractor or given in a sidecar; the sidecar wins over extraction. */
export type DocumentMetadataHints = Partial<DocumentMetadata> & { extra?: Record<string, string> };
