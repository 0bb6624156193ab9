import { describe, expect, it } from 'vitest';
import { documentKindByName, documentKindByNumber } from '../../src/rules/legal.js';
import { lookupProvince, matchProvinceWords, provincesOf } from '../../src/rules/provinces.js';
import { classifySection } from '../../src/rules/sections.js';

describe('provinces', () => {
  it('holds the 63 units before the 2025 merger and the 34 after it', () => {
    expect(provincesOf('pre-2025')).toHaveLength(63);
    expect(provincesOf('post-2025')).toHaveLength(34);
  });
  it('resolves variants to one canonical name', () => {
    for (const v of ['TP Hồ Chí Minh', 'Thành phố Hồ Chí Minh', 'TP.HCM', 'THÀNH PHỐ HỒ CHÍ MINH']) {
      expect(lookupProvince(v)?.name).toBe('Hồ Chí Minh');
    }
    expect(lookupProvince('Đăk Lăk')?.name).toBe('Đắk Lắk');
    expect(lookupProvince('THANH HOÁ')?.name).toBe('Thanh Hóa');
    expect(lookupProvince('Thừa Thiên - Huế')?.name).toBe('Thừa Thiên Huế');
    expect(lookupProvince('Huế')?.name).toBe('Huế');
    expect(lookupProvince('Bình Dương')?.mergedInto).toBe('Hồ Chí Minh');
  });
  it('rejects names that are not provinces', () => {
    expect(lookupProvince('Thủ Dầu Một')).toBeNull();
    expect(lookupProvince('')).toBeNull();
    expect(matchProvinceWords(['Quảng', 'Ninh', 'như', 'sau'])).toMatchObject({ words: 2 });
    expect(matchProvinceWords(['xây', 'dựng'])).toBeNull();
  });
});

describe('document kinds and section headings', () => {
  it('maps names and number codes to kinds', () => {
    expect(documentKindByName('KẾ HOẠCH')?.name).toBe('Kế hoạch');
    expect(documentKindByNumber('1437/QĐ-TTg')?.name).toBe('Quyết định');
    expect(documentKindByNumber('57-NQ/TW')?.name).toBe('Nghị quyết');
    expect(documentKindByName('MỤC TIÊU')).toBeNull();
  });
  it('classifies headings by their aliases', () => {
    expect(classifySection('NHIỆM VỤ VÀ GIẢI PHÁP')).toBe('tasks');
    expect(classifySection('TỔ CHỨC THỰC HIỆN')).toBe('implementation');
    expect(classifySection('VI. TỔ CHỨC THEO DÕI, KIỂM TRA VÀ CHẾ ĐỘ BÁO CÁO')).toBe('reporting');
    expect(classifySection('KINH PHÍ THỰC HIỆN')).toBe('budget');
    expect(classifySection('Mục tiêu và phương pháp')).toBe('objectives');
    expect(classifySection('XYZ')).toBeNull();
  });
});
