import { absent } from '../contract/field.js';
import type { Metadata } from '../contract/schema.js';
import type { Doc, Outline } from '../doc/types.js';

export function extractMetadata(_doc: Doc, _outline: Outline): Metadata {
  return {
    issuer: absent(),
    province: absent(),
    documentNumber: absent(),
    documentType: absent(),
    issuedDate: absent(),
    place: absent(),
    title: absent(),
    period: absent(),
    signer: absent(),
    legalBasis: [],
    recipients: [],
  };
}
