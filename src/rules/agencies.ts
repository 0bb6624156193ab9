// The canonical list of bodies that provincial plans assign duties to, with their written variants, plus the
// words that frame an item's subject ("Đề nghị …", "Giao …", "Giám đốc …"). Rules are data: the matcher in
// src/extract/agency-names.ts is composed from this table, validated once when loaded.
//
// Kinds: military bodies (Bộ Chỉ huy Quân sự, Bộ đội Biên phòng) are `other`, not `police`: the contract's
// `police` means the public-security branch (Công an), and folding the army into it would mislead anyone counting
// police duties. Courts, procuracy, party bodies and central agencies' local branches (Thuế, Hải quan, Kho bạc,
// Bảo hiểm xã hội) are `other` too.
//
// Level: provincial-level bodies are listed by their province form ("Công an tỉnh", "Ban Tuyên giáo và Dân vận
// Tỉnh ủy"); city forms ("Công an thành phố", "… Thành ủy") are variants. The extractor renders the canonical at
// the issuer's level: in a centrally-run city's plan (Hà Nội, Hồ Chí Minh, Hải Phòng, Đà Nẵng, Cần Thơ, Huế from
// 2025) "Công an thành phố" is canonically "Công an thành phố"; in a province's plan a city-level name is a
// lower-level body and stays unresolved (src/extract/responsibilities.ts, atIssuerLevel).
//
// The 2025 reorganisation (Nghị định 45/2025/NĐ-CP) merged several departments. Old and new names are separate
// entries because they are different bodies in different years; `until`/`from` record the change for readers.
// Names that survived the merge unchanged (Sở Tài chính, Sở Nội vụ, Sở Khoa học và Công nghệ, Sở Xây dựng) keep
// one entry: the name is what the document says, the year tells which body it was.
import { z } from 'zod';
import { AgencyKindSchema } from '../contract/schema.js';

export const AgencyEntrySchema = z.object({
  canonical: z.string().min(1),
  kind: AgencyKindSchema,
  /** Other written forms: spelling variants, abbreviations, older or shorter names. */
  variants: z.array(z.string().min(1)).default([]),
  /**
   * exact: the name must be a variant, optionally followed by a level or place ("tỉnh", "thành phố", "Bình Dương").
   * prefix: a family of written forms sharing a head ("Ủy ban nhân dân các huyện, thị xã, thành phố …").
   */
  match: z.enum(['exact', 'prefix']).default('exact'),
  /** A group of bodies named as one ("Các sở, ban, ngành"), not a single body. */
  group: z.boolean().default(false),
  from: z.int().optional(),
  until: z.int().optional(),
});
export type AgencyEntry = z.infer<typeof AgencyEntrySchema>;

export const AgencyTableSchema = z.object({
  entries: z.array(AgencyEntrySchema).min(1),
  /** Words a body's name starts with, and the kind an unknown name with that head most likely has. */
  heads: z.array(z.object({ word: z.string().min(1), kind: AgencyKindSchema })).min(1),
  /** Abbreviated tokens expanded before matching (diacritic-folded, lower case). */
  abbreviations: z.record(z.string().regex(/^[a-z0-9]+$/), z.string().min(1)),
  /** Words that may follow a canonical name without changing the body: the administrative level. */
  levelWords: z.array(z.string().min(1)),
  /** "Đề nghị Ủy ban Mặt trận …": the plan cannot order the body, it requests. */
  requestWords: z.array(z.string().min(1)),
  /** "Giao Công an tỉnh chủ trì …": the assignment verb before the subject. */
  assignWords: z.array(z.string().min(1)),
  /** Words opening a clause set before the subject ("Căn cứ Kế hoạch này, thủ trưởng các cơ quan … xây dựng …"). */
  leadClauseWords: z.array(z.string().min(1)),
  /** "Giám đốc các Sở …": the head of a body named instead of the body. */
  leaderTitles: z.array(z.string().min(1)),
  /**
   * Lower-case phrases that end a subject written without a colon ("Sở Y tế chủ trì …", "… trong phạm vi chức
   * năng"). Matched in lower case only, so capitalised name words ("Ban Chỉ đạo", "Sở Xây dựng") never end it.
   */
  subjectEnders: z.array(z.string().min(1)),
  /** The same, also matched capitalised: duty verbs that never occur inside a name ("Công an tỉnh Chủ trì …"). */
  dutyStarters: z.array(z.string().min(1)),
  /**
   * Words that make a would-be subject a description of whoever a duty fell to, not a body: "Các cơ quan, đơn vị
   * được giao chủ trì có trách nhiệm …" names no body (the passive "được" never occurs in a body's name).
   */
  descriptionWords: z.array(z.string().min(1)),
  /** Section titles (diacritics folded, lower case) whose items assign duties body by body. */
  dutySectionTitles: z.array(z.string().regex(/^[a-z0-9 ]+$/)).min(1),
});
export type AgencyTable = z.infer<typeof AgencyTableSchema>;

const RAW: z.input<typeof AgencyTableSchema> = {
  entries: [
    // --- Departments (sở and equivalent bodies under the provincial People's Committee), before 2025.
    {
      canonical: 'Sở Lao động - Thương binh và Xã hội',
      kind: 'department',
      variants: ['Sở LĐTBXH', 'Sở LĐ-TB&XH', 'Sở LĐTB&XH', 'Sở Lao động TB&XH', 'Sở Lao động, Thương binh và Xã hội'],
      until: 2025,
    },
    {
      canonical: 'Sở Kế hoạch và Đầu tư',
      kind: 'department',
      variants: ['Sở KH&ĐT', 'Sở KHĐT', 'Sở Kế hoạch - Đầu tư'],
      until: 2025,
    },
    {
      canonical: 'Sở Thông tin và Truyền thông',
      kind: 'department',
      variants: ['Sở TT&TT', 'Sở TTTT', 'Sở Thông tin - Truyền thông'],
      until: 2025,
    },
    {
      canonical: 'Sở Tài nguyên và Môi trường',
      kind: 'department',
      variants: ['Sở TN&MT', 'Sở TNMT', 'Sở Tài nguyên - Môi trường'],
      until: 2025,
    },
    {
      canonical: 'Sở Nông nghiệp và Phát triển nông thôn',
      kind: 'department',
      variants: ['Sở NN&PTNT', 'Sở NNPTNT', 'Sở Nông nghiệp - Phát triển nông thôn'],
      until: 2025,
    },
    {
      canonical: 'Sở Giao thông vận tải',
      kind: 'department',
      variants: ['Sở GTVT', 'Sở Giao thông - Vận tải'],
      until: 2025,
    },
    { canonical: 'Ban Dân tộc', kind: 'department', variants: ['Ban Dân tộc tỉnh'], until: 2025 },
    { canonical: 'Sở Văn hóa và Thể thao', kind: 'department', variants: ['Sở VHTT'] },
    { canonical: 'Sở Du lịch', kind: 'department' },
    // --- Departments created by the 2025 merger.
    {
      canonical: 'Sở Nông nghiệp và Môi trường',
      kind: 'department',
      variants: ['Sở NN&MT', 'Sở NNMT', 'Sở Nông nghiệp - Môi trường'],
      from: 2025,
    },
    { canonical: 'Sở Dân tộc và Tôn giáo', kind: 'department', variants: ['Sở DT&TG', 'Sở DTTG'], from: 2025 },
    // --- Departments whose name did not change in 2025.
    { canonical: 'Sở Tài chính', kind: 'department' },
    { canonical: 'Sở Nội vụ', kind: 'department' },
    { canonical: 'Sở Khoa học và Công nghệ', kind: 'department', variants: ['Sở KH&CN', 'Sở KHCN'] },
    { canonical: 'Sở Xây dựng', kind: 'department' },
    { canonical: 'Sở Y tế', kind: 'department' },
    {
      canonical: 'Sở Giáo dục và Đào tạo',
      kind: 'department',
      variants: ['Sở GD&ĐT', 'Sở GDĐT', 'Sở Giáo dục - Đào tạo'],
    },
    {
      canonical: 'Sở Văn hóa, Thể thao và Du lịch',
      kind: 'department',
      variants: ['Sở VHTTDL', 'Sở VHTT&DL', 'Sở Văn hóa - Thể thao và Du lịch', 'Sở Văn hóa, Thể thao, Du lịch'],
    },
    { canonical: 'Sở Tư pháp', kind: 'department' },
    { canonical: 'Sở Công Thương', kind: 'department', variants: ['Sở Công thương'] },
    { canonical: 'Sở Ngoại vụ', kind: 'department' },
    { canonical: 'Sở Quy hoạch - Kiến trúc', kind: 'department', variants: ['Sở Quy hoạch và Kiến trúc'] },
    { canonical: 'Sở An toàn thực phẩm', kind: 'department' },
    { canonical: 'Thanh tra tỉnh', kind: 'department', variants: ['Thanh tra thành phố', 'Thanh tra'] },
    {
      canonical: 'Văn phòng Ủy ban nhân dân tỉnh',
      kind: 'department',
      variants: ['Văn phòng UBND tỉnh', 'VP UBND tỉnh', 'Văn phòng Ủy ban nhân dân thành phố', 'Văn phòng UBND'],
    },
    {
      canonical: 'Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh',
      kind: 'department',
      variants: ['Văn phòng Đoàn ĐBQH và HĐND tỉnh'],
    },
    {
      canonical: 'Ban Quản lý các khu công nghiệp',
      kind: 'department',
      variants: ['Ban Quản lý các KCN', 'Ban Quản lý khu công nghiệp'],
      match: 'prefix',
    },
    { canonical: 'Ban Quản lý Khu kinh tế', kind: 'department', variants: ['Ban Quản lý KKT'], match: 'prefix' },
    // --- People's Committees.
    { canonical: 'Ủy ban nhân dân tỉnh', kind: 'people-committee', variants: ['UBND tỉnh'] },
    {
      canonical: 'Ủy ban nhân dân cấp huyện',
      kind: 'people-committee',
      variants: [
        'Ủy ban nhân dân các huyện',
        'Ủy ban nhân dân huyện',
        'Ủy ban nhân dân các quận',
        'Ủy ban nhân dân quận',
        'Ủy ban nhân dân các thị xã',
      ],
      match: 'prefix',
      group: true,
      until: 2025,
    },
    {
      canonical: 'Ủy ban nhân dân cấp xã',
      kind: 'people-committee',
      variants: [
        'Ủy ban nhân dân các xã',
        'Ủy ban nhân dân xã',
        'Ủy ban nhân dân các phường',
        'Ủy ban nhân dân phường',
        'Ủy ban nhân dân các xã, phường',
      ],
      match: 'prefix',
      group: true,
    },
    { canonical: 'Ủy ban nhân dân các cấp', kind: 'people-committee', match: 'prefix', group: true },
    // National plans address the provinces as one group: it must not read as a typo of "các xã".
    {
      canonical: 'Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương',
      kind: 'people-committee',
      variants: ['Ủy ban nhân dân các tỉnh, thành phố', 'Ủy ban nhân dân các tỉnh', 'Ủy ban nhân dân tỉnh, thành phố'],
      match: 'prefix',
      group: true,
    },
    {
      canonical: 'Ủy ban nhân dân các địa phương',
      kind: 'people-committee',
      variants: ['Các địa phương'],
      match: 'prefix',
      group: true,
    },
    // --- Ministries and government bodies, named in national plans (Prime Minister's and ministries' plans) and
    // in provincial plans that report to them. Names after the 2025 reorganisation (Nghị quyết 176/2025/QH15);
    // the merged ministries are separate entries marked `until`.
    ...[
      'Bộ Quốc phòng',
      'Bộ Ngoại giao',
      'Bộ Nội vụ',
      'Bộ Tư pháp',
      'Bộ Tài chính',
      'Bộ Công Thương',
      'Bộ Nông nghiệp và Môi trường',
      'Bộ Xây dựng',
      'Bộ Văn hóa, Thể thao và Du lịch',
      'Bộ Khoa học và Công nghệ',
      'Bộ Giáo dục và Đào tạo',
      'Bộ Y tế',
      'Bộ Dân tộc và Tôn giáo',
      'Văn phòng Chính phủ',
      'Thanh tra Chính phủ',
    ].map((canonical) => ({ canonical, kind: 'other' as const })),
    ...[
      'Bộ Kế hoạch và Đầu tư',
      'Bộ Lao động - Thương binh và Xã hội',
      'Bộ Thông tin và Truyền thông',
      'Bộ Giao thông vận tải',
      'Bộ Tài nguyên và Môi trường',
      'Bộ Nông nghiệp và Phát triển nông thôn',
      'Ủy ban Dân tộc',
    ].map((canonical) => ({ canonical, kind: 'other' as const, until: 2025 })),
    { canonical: 'Bộ Công an', kind: 'police' },
    {
      canonical: 'Các bộ, ngành',
      kind: 'other',
      variants: ['Các bộ, cơ quan ngang bộ', 'Các bộ, ngành trung ương', 'Các bộ'],
      match: 'prefix',
      group: true,
    },
    // --- Police and armed forces.
    { canonical: 'Công an tỉnh', kind: 'police', variants: ['Công an thành phố', 'Công an'] },
    {
      canonical: 'Bộ Chỉ huy Quân sự tỉnh',
      kind: 'other',
      variants: ['Bộ CHQS tỉnh', 'Bộ Chỉ huy Quân sự', 'Bộ Tư lệnh Thành phố', 'Bộ Tư lệnh Thủ đô'],
    },
    {
      canonical: 'Bộ Chỉ huy Bộ đội Biên phòng tỉnh',
      kind: 'other',
      variants: [
        'Bộ Chỉ huy Bộ đội Biên phòng',
        'Ban Chỉ huy Bộ đội Biên phòng',
        'BCH Bộ đội Biên phòng',
        'Bộ đội Biên phòng',
      ],
    },
    // --- Mass organisations (Mặt trận and the socio-political organisations).
    {
      canonical: 'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh',
      kind: 'mass-organisation',
      variants: [
        'Ủy ban Mặt trận Tổ quốc Việt Nam',
        'Ủy ban Mặt trận Tổ quốc',
        'Mặt trận Tổ quốc Việt Nam',
        'Mặt trận Tổ quốc',
        'Ủy ban MTTQ Việt Nam',
        'Ủy ban MTTQ',
        'UBMTTQ Việt Nam',
        'UBMTTQ',
        'MTTQ',
      ],
    },
    {
      canonical: 'Hội Liên hiệp Phụ nữ tỉnh',
      kind: 'mass-organisation',
      variants: ['Hội Liên hiệp Phụ nữ', 'Hội LHPN', 'Hội Phụ nữ'],
    },
    {
      canonical: 'Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh',
      kind: 'mass-organisation',
      variants: [
        'Đoàn Thanh niên Cộng sản Hồ Chí Minh',
        'Đoàn TNCS Hồ Chí Minh',
        'Đoàn Thanh niên',
        'Tỉnh Đoàn',
        'Thành Đoàn',
      ],
    },
    { canonical: 'Hội Nông dân tỉnh', kind: 'mass-organisation', variants: ['Hội Nông dân'] },
    { canonical: 'Hội Cựu chiến binh tỉnh', kind: 'mass-organisation', variants: ['Hội Cựu chiến binh', 'Hội CCB'] },
    {
      canonical: 'Liên đoàn Lao động tỉnh',
      kind: 'mass-organisation',
      variants: ['Liên đoàn Lao động', 'LĐLĐ tỉnh', 'Công đoàn'],
    },
    { canonical: 'Hội Chữ thập đỏ tỉnh', kind: 'mass-organisation', variants: ['Hội Chữ thập đỏ'] },
    {
      canonical: 'Các tổ chức chính trị - xã hội',
      kind: 'mass-organisation',
      variants: ['Các tổ chức chính trị xã hội'],
      match: 'prefix',
      group: true,
    },
    {
      canonical: 'Các tổ chức thành viên của Mặt trận',
      kind: 'mass-organisation',
      variants: ['Các tổ chức thành viên'],
      match: 'prefix',
      group: true,
    },
    { canonical: 'Các tổ chức xã hội', kind: 'mass-organisation', match: 'prefix', group: true },
    {
      canonical: 'Các đoàn thể',
      kind: 'mass-organisation',
      variants: ['Các đoàn thể nhân dân', 'Các hội, đoàn thể', 'Các hội đoàn thể'],
      match: 'prefix',
      group: true,
    },
    // --- Media.
    {
      canonical: 'Đài Phát thanh và Truyền hình tỉnh',
      kind: 'media',
      variants: ['Đài Phát thanh và Truyền hình', 'Đài Phát thanh - Truyền hình', 'Đài PT-TH', 'Đài PTTH'],
      until: 2025,
    },
    {
      canonical: 'Báo và Phát thanh, Truyền hình tỉnh',
      kind: 'media',
      variants: ['Báo và Phát thanh, Truyền hình', 'Báo và Phát thanh - Truyền hình'],
      from: 2025,
    },
    { canonical: 'Báo tỉnh', kind: 'media', variants: ['Báo'] },
    {
      canonical: 'Cổng Thông tin điện tử tỉnh',
      kind: 'media',
      variants: ['Cổng Thông tin điện tử', 'Cổng TTĐT tỉnh', 'Cổng TTĐT'],
    },
    {
      canonical: 'Các cơ quan báo chí',
      kind: 'media',
      variants: ['Các cơ quan thông tấn báo chí', 'Các cơ quan thông tin, truyền thông', 'Các cơ quan truyền thông'],
      match: 'prefix',
      group: true,
    },
    // --- Groups of departments and other bodies.
    {
      canonical: 'Các sở, ban, ngành',
      kind: 'department',
      // Written without "Các" too: "Sở, ban, ngành thuộc Ủy ban nhân dân Thành phố có trách nhiệm …" (corpus 21).
      variants: ['Các sở, ngành', 'Các sở', 'Các ban, ngành', 'Các sở ban ngành', 'Sở, ban, ngành', 'Sở, ngành'],
      match: 'prefix',
      group: true,
    },
    {
      canonical: 'Các cơ quan, đơn vị',
      kind: 'other',
      variants: ['Các cơ quan', 'Các đơn vị', 'Các ngành'],
      match: 'prefix',
      group: true,
    },
    { canonical: 'Các doanh nghiệp', kind: 'other', match: 'prefix', group: true },
    // Investors in infrastructure ("Các chủ đầu tư xây dựng và kinh doanh hạ tầng Khu công nghiệp") carry duties
    // of their own in plans for industrial parks and construction.
    { canonical: 'Các chủ đầu tư', kind: 'other', match: 'prefix', group: true },
    {
      canonical: 'Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh',
      kind: 'other',
      variants: ['Liên hiệp các Hội Khoa học và Kỹ thuật', 'Liên hiệp các Hội KH&KT', 'Liên hiệp Hội KH&KT'],
    },
    { canonical: 'Hiệp hội Doanh nghiệp tỉnh', kind: 'other', variants: ['Hiệp hội Doanh nghiệp'] },
    { canonical: 'Liên minh Hợp tác xã tỉnh', kind: 'other', variants: ['Liên minh Hợp tác xã', 'Liên minh HTX'] },
    // --- Other bodies: central agencies' local branches, courts, procuracy, party bodies.
    { canonical: 'Thuế tỉnh', kind: 'other', variants: ['Cục Thuế tỉnh', 'Cục Thuế', 'Thuế thành phố'] },
    { canonical: 'Hải quan', kind: 'other', variants: ['Cục Hải quan', 'Chi cục Hải quan'], match: 'prefix' },
    { canonical: 'Kho bạc Nhà nước', kind: 'other', variants: ['Kho bạc Nhà nước tỉnh', 'Kho bạc'], match: 'prefix' },
    { canonical: 'Bảo hiểm xã hội tỉnh', kind: 'other', variants: ['Bảo hiểm xã hội', 'BHXH tỉnh', 'BHXH'] },
    {
      canonical: 'Ngân hàng Nhà nước',
      kind: 'other',
      variants: ['Ngân hàng Nhà nước chi nhánh', 'Ngân hàng Nhà nước Việt Nam'],
      match: 'prefix',
    },
    {
      canonical: 'Ngân hàng Chính sách xã hội',
      kind: 'other',
      variants: ['Chi nhánh Ngân hàng Chính sách xã hội', 'Ngân hàng CSXH', 'Chi nhánh NHCSXH', 'NHCSXH'],
      match: 'prefix',
    },
    { canonical: 'Viện kiểm sát nhân dân tỉnh', kind: 'other', variants: ['Viện kiểm sát nhân dân', 'Viện KSND'] },
    { canonical: 'Tòa án nhân dân tỉnh', kind: 'other', variants: ['Tòa án nhân dân', 'TAND', 'Toà án nhân dân'] },
    {
      canonical: 'Ban Tuyên giáo và Dân vận Tỉnh ủy',
      kind: 'other',
      variants: ['Ban Tuyên giáo và Dân vận Thành ủy', 'Ban Tuyên giáo và Dân vận'],
    },
    { canonical: 'Ban Tuyên giáo Tỉnh ủy', kind: 'other', variants: ['Ban Tuyên giáo Thành ủy', 'Ban Tuyên giáo'] },
    { canonical: 'Ban Dân vận Tỉnh ủy', kind: 'other', variants: ['Ban Dân vận Thành ủy', 'Ban Dân vận'] },
  ],
  heads: [
    { word: 'Sở', kind: 'department' },
    { word: 'Bộ', kind: 'other' },
    { word: 'Ban', kind: 'department' },
    { word: 'Văn phòng', kind: 'department' },
    { word: 'Thanh tra', kind: 'department' },
    { word: 'Ủy ban nhân dân', kind: 'people-committee' },
    { word: 'Uỷ ban nhân dân', kind: 'people-committee' },
    { word: 'UBND', kind: 'people-committee' },
    { word: 'Công an', kind: 'police' },
    { word: 'Ủy ban Mặt trận', kind: 'mass-organisation' },
    { word: 'Uỷ ban Mặt trận', kind: 'mass-organisation' },
    { word: 'Ủy ban MTTQ', kind: 'mass-organisation' },
    { word: 'UBMTTQ', kind: 'mass-organisation' },
    { word: 'Mặt trận', kind: 'mass-organisation' },
    { word: 'Hội đồng', kind: 'other' },
    { word: 'Hội', kind: 'mass-organisation' },
    { word: 'Đoàn', kind: 'mass-organisation' },
    { word: 'Tỉnh Đoàn', kind: 'mass-organisation' },
    { word: 'Tỉnh đoàn', kind: 'mass-organisation' },
    { word: 'Thành Đoàn', kind: 'mass-organisation' },
    { word: 'Liên đoàn', kind: 'mass-organisation' },
    { word: 'Công đoàn', kind: 'mass-organisation' },
    { word: 'Đài', kind: 'media' },
    { word: 'Báo', kind: 'media' },
    { word: 'Cổng', kind: 'media' },
    { word: 'Bộ Chỉ huy', kind: 'other' },
    { word: 'Ban Chỉ huy', kind: 'other' },
    { word: 'Bộ đội', kind: 'other' },
    { word: 'Liên minh', kind: 'other' },
    // Professional and business associations: "Liên hiệp các Hội Khoa học và Kỹ thuật", "Hiệp hội Doanh nghiệp".
    { word: 'Liên hiệp các Hội', kind: 'other' },
    { word: 'Liên hiệp Hội', kind: 'other' },
    { word: 'Hiệp hội', kind: 'other' },
    { word: 'Viện', kind: 'other' },
    { word: 'Tòa án', kind: 'other' },
    { word: 'Toà án', kind: 'other' },
    { word: 'Cục', kind: 'other' },
    { word: 'Tổng cục', kind: 'other' },
    { word: 'Chi cục', kind: 'other' },
    // A ministry's own units in its plans: "Vụ Kế hoạch - Tài chính", "Bệnh viện Bạch Mai", "Học viện Y Dược".
    { word: 'Vụ', kind: 'other' },
    { word: 'Bệnh viện', kind: 'other' },
    { word: 'Học viện', kind: 'other' },
    { word: 'Thuế', kind: 'other' },
    { word: 'Kho bạc', kind: 'other' },
    { word: 'Bảo hiểm', kind: 'other' },
    { word: 'Ngân hàng', kind: 'other' },
    { word: 'Chi nhánh', kind: 'other' },
    { word: 'Trung tâm', kind: 'other' },
    { word: 'Trường', kind: 'other' },
    { word: 'Phòng', kind: 'other' },
    { word: 'Các', kind: 'other' },
    { word: 'các', kind: 'other' },
  ],
  abbreviations: {
    ubnd: 'uy ban nhan dan',
    ubmttq: 'uy ban mat tran to quoc',
    ubmttqvn: 'uy ban mat tran to quoc viet nam',
    mttq: 'mat tran to quoc',
    mttqvn: 'mat tran to quoc viet nam',
    vn: 'viet nam',
    tp: 'thanh pho',
    tx: 'thi xa',
    hlhpn: 'hoi lien hiep phu nu',
    lhpn: 'lien hiep phu nu',
    tncs: 'thanh nien cong san',
    hcm: 'ho chi minh',
    ldld: 'lien doan lao dong',
    ccb: 'cuu chien binh',
    chqs: 'chi huy quan su',
    bchqs: 'bo chi huy quan su',
    bdbp: 'bo doi bien phong',
    bch: 'ban chi huy',
    ttdt: 'thong tin dien tu',
    kcn: 'khu cong nghiep',
    kkt: 'khu kinh te',
    ksnd: 'kiem sat nhan dan',
    tand: 'toa an nhan dan',
    bhxh: 'bao hiem xa hoi',
    dbqh: 'dai bieu quoc hoi',
    hdnd: 'hoi dong nhan dan',
    vp: 'van phong',
  },
  levelWords: ['tỉnh', 'thành phố', 'cấp tỉnh', 'Thành ủy', 'Tỉnh ủy', 'trung ương'],
  requestWords: ['Đề nghị', 'Kính đề nghị', 'Đề xuất'],
  assignWords: ['Giao'],
  leadClauseWords: ['Căn cứ', 'Trên cơ sở'],
  leaderTitles: [
    'Giám đốc',
    'Thủ trưởng',
    'Chủ tịch',
    'Lãnh đạo',
    'Người đứng đầu',
    'Chánh Văn phòng',
    'Chánh Thanh tra',
    // "Thành viên Hội đồng Thi đua - Khen thưởng thành phố phụ trách các cụm … đôn đốc …" (corpus B02): the
    // members of a council hold its duty as a head holds the body's.
    'Thành viên',
  ],
  subjectEnders: [
    'chủ trì',
    'phối hợp',
    'tham gia',
    'có trách nhiệm',
    'chịu trách nhiệm',
    'căn cứ',
    'trong phạm vi',
    'theo chức năng',
    'theo phạm vi',
    'là cơ quan',
    'là đơn vị',
    'làm đầu mối',
    'tham mưu',
    'theo dõi',
    'chỉ đạo',
    'hướng dẫn',
    'đôn đốc',
    'thực hiện',
    'triển khai',
    'tổng hợp',
    'bố trí',
    'rà soát',
    'định kỳ',
    'chủ động',
    'tiếp tục',
    'tăng cường',
    'đẩy mạnh',
    'phân công',
    'tập trung',
    'khẩn trương',
    'quán triệt',
    'tổ chức thực hiện',
    'tổ chức triển khai',
    'tổ chức quán triệt',
    'tổ chức tuyên truyền',
    'hằng năm',
    'hàng năm',
    'trên cơ sở',
    'xây dựng kế hoạch',
    'xây dựng chương trình',
  ],
  descriptionWords: ['được'],
  // A reporting section ("V. CHẾ ĐỘ BÁO CÁO": "- Các Sở, ngành, địa phương định kỳ … báo cáo …") assigns duties
  // body by body too (corpus B05).
  dutySectionTitles: [
    'to chuc thuc hien',
    'phan cong',
    'trach nhiem',
    'nhiem vu cua cac',
    'che do bao cao',
    'che do thong tin bao cao',
    'cong tac bao cao',
  ],
  dutyStarters: ['Chủ trì', 'Phối hợp', 'Tham gia', 'Có trách nhiệm', 'Chịu trách nhiệm', 'Căn cứ', 'Là cơ quan'],
};

/** Parses a raw table; throws with zod's message when the data is malformed (a bug in the table, not the input). */
export function loadAgencyTable(raw: unknown): AgencyTable {
  const parsed = AgencyTableSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`agency table is invalid: ${parsed.error.message}`);
  const seen = new Set<string>();
  for (const e of parsed.data.entries) {
    if (seen.has(e.canonical)) throw new Error(`agency table: duplicate canonical name "${e.canonical}"`);
    seen.add(e.canonical);
  }
  return parsed.data;
}

export const AGENCY_TABLE: AgencyTable = loadAgencyTable(RAW);
