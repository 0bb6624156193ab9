import { describe, expect, it } from 'vitest';
import { AgencyMatcher } from '../../src/extract/agency-names.js';
import { AGENCY_TABLE, loadAgencyTable } from '../../src/rules/agencies.js';

describe('agency table', () => {
  const matcher = new AgencyMatcher(AGENCY_TABLE);

  it('resolves every canonical name and every variant to its own entry', () => {
    for (const entry of AGENCY_TABLE.entries) {
      for (const written of [entry.canonical, ...entry.variants]) {
        const m = matcher.canonicalise(written);
        expect({ written, canonical: m.canonical, match: m.match }).toEqual({
          written,
          canonical: entry.canonical,
          match: 'exact',
        });
      }
    }
  });

  it('keeps the names before and after the 2025 merger as separate bodies', () => {
    const names = AGENCY_TABLE.entries.map((e) => e.canonical);
    for (const n of [
      'Sở Lao động - Thương binh và Xã hội',
      'Sở Kế hoạch và Đầu tư',
      'Sở Thông tin và Truyền thông',
      'Sở Nông nghiệp và Phát triển nông thôn',
      'Sở Tài nguyên và Môi trường',
      'Sở Nông nghiệp và Môi trường',
      'Sở Dân tộc và Tôn giáo',
      'Sở Nội vụ',
      'Sở Tài chính',
      'Sở Khoa học và Công nghệ',
    ]) {
      expect(names).toContain(n);
    }
    const merged = AGENCY_TABLE.entries.find((e) => e.canonical === 'Sở Nông nghiệp và Môi trường');
    expect(merged?.from).toBe(2025);
  });

  it('classifies the police as police and the army as other', () => {
    expect(matcher.canonicalise('Công an tỉnh').kind).toBe('police');
    expect(matcher.canonicalise('Bộ Chỉ huy Quân sự tỉnh').kind).toBe('other');
    expect(matcher.canonicalise('Hội Nông dân tỉnh').kind).toBe('mass-organisation');
    expect(matcher.canonicalise('Đài Phát thanh và Truyền hình Bình Dương').kind).toBe('media');
    expect(matcher.canonicalise('Ủy ban nhân dân các huyện, thị xã, thành phố').kind).toBe('people-committee');
  });

  it('rejects a malformed table', () => {
    expect(() => loadAgencyTable({ ...AGENCY_TABLE, entries: [{ canonical: 'Sở X', kind: 'ministry' }] })).toThrow(
      /agency table is invalid/,
    );
    expect(() => loadAgencyTable({ ...AGENCY_TABLE, dutySectionTitles: ['TỔ CHỨC'] })).toThrow();
  });

  it('rejects a duplicate canonical name', () => {
    const dup = AGENCY_TABLE.entries[0];
    expect(() => loadAgencyTable({ ...AGENCY_TABLE, entries: [dup, dup] })).toThrow(/duplicate/);
  });
});
