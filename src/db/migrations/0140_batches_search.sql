-- Issue 10: cancelled documents, cancelled batches, and what the batch view and the search read per extraction.
--
-- A batch's queued work can be cancelled: its documents become `cancelled` (terminal, never claimed by a worker,
-- re-queued by a reprocess or by uploading the same bytes again).
alter table documents drop constraint if exists documents_status_check;
alter table documents add constraint documents_status_check
  check (status in ('queued', 'processing', 'done', 'failed', 'cancelled'));
alter table batches add column cancelled_at timestamptz;

-- Accent- and case-insensitive search without the unaccent extension: kehoach_fold maps every precomposed
-- Latin letter (Vietnamese above all; đ/Đ → d) to its base letter, drops combining marks (text typed in NFD),
-- lowercases, and turns everything that is not a-z or 0-9 into single spaces. Queries are folded by the same
-- function, so stored text and query cannot disagree.
create or replace function kehoach_fold(t text) returns text language sql immutable parallel safe as $fold$
  select trim(regexp_replace(lower(translate(coalesce(t, ''),
    'ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĐđĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟǠǡǦǧǨǩǪǫǬǭǰǴǵǸǹǺǻȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧȨȩȪȫȬȭȮȯȰȱȲȳḀḁḂḃḄḅḆḇḈḉḊḋḌḍḎḏḐḑḒḓḔḕḖḗḘḙḚḛḜḝḞḟḠḡḢḣḤḥḦḧḨḩḪḫḬḭḮḯḰḱḲḳḴḵḶḷḸḹḺḻḼḽḾḿṀṁṂṃṄṅṆṇṈṉṊṋṌṍṎṏṐṑṒṓṔṕṖṗṘṙṚṛṜṝṞṟṠṡṢṣṤṥṦṧṨṩṪṫṬṭṮṯṰṱṲṳṴṵṶṷṸṹṺṻṼṽṾṿẀẁẂẃẄẅẆẇẈẉẊẋẌẍẎẏẐẑẒẓẔẕẖẗẘẙẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹ̴̵̶̷̸̡̢̧̨̛̖̗̘̙̜̝̞̟̠̣̤̥̦̩̪̫̬̭̮̯̰̱̲̳̹̺̻̼͇͈͉͍͎̀́̂̃̄̅̆̇̈̉̊̋̌̍̎̏̐̑̒̓̔̽̾̿̀́͂̓̈́͆͊͋͌̕̚ͅ͏͓͔͕͖͙͚͐͑͒͗͛ͣͤͥͦͧͨͩͪͫͬͭͮͯ͘͜͟͢͝͞͠͡',
    'aaaaaaceeeeiiiinooooouuuuyaaaaaaceeeeiiiinooooouuuuyyaaaaaaccccccccddddeeeeeeeeeegggggggghhiiiiiiiiijjkkllllllnnnnnnoooooorrrrrrssssssssttttuuuuuuuuuuuuwwyyyzzzzzzoouuaaiioouuuuuuuuuuaaaaggkkoooojggnnaaaaaaeeeeiiiioooorrrruuuusstthhaaeeooooooooyyaabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmmmmmmnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuuuuuuuuuuvvvvwwwwwwwwwwxxxxyyzzzzzzhtwyaaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyy')), '[^a-z0-9]+', ' ', 'g'))
$fold$;

-- Read from the stored extraction when it is written (a trigger, so every writer and the rows already stored
-- get them the same way): the folded search text (title, number, issuer(s), province, agencies, target text,
-- file name) padded with spaces so a phrase matches whole syllables, its syllables for the index, every flag
-- code, the issuers' kinds, the issue date, pages, pages read by OCR and the number of fields to review.
alter table extractions add column search_text text;
alter table extractions add column search_words text[];
alter table extractions add column flags text[];
alter table extractions add column issuer_kinds text[];
alter table extractions add column issued_date text;
alter table extractions add column pages integer;
alter table extractions add column ocr_pages integer;
alter table extractions add column review_fields integer;

create or replace function extractions_derived() returns trigger language plpgsql as $derived$
declare
  x jsonb := new.extraction;
  folded text;
begin
  folded := kehoach_fold(concat_ws(' ',
    x #>> '{metadata,title,value}',
    x #>> '{metadata,documentNumber,value}',
    x #>> '{metadata,issuer,value}',
    x #>> '{metadata,province,value}',
    x #>> '{document,fileName}',
    (select string_agg(i ->> 'name', ' ') from jsonb_array_elements(coalesce(x #> '{metadata,issuers}', '[]')) i),
    (select string_agg(concat_ws(' ', r #>> '{agency,name}', r #>> '{agency,canonical}',
        (select string_agg(m #>> '{}', ' ') from jsonb_array_elements(coalesce(r #> '{agency,members}', '[]')) m)), ' ')
      from jsonb_array_elements(coalesce(x -> 'responsibilities', '[]')) r),
    (select string_agg(t ->> 'text', ' ') from jsonb_array_elements(coalesce(x -> 'targets', '[]')) t)));
  new.search_text := ' ' || folded || ' ';
  new.search_words := array(select distinct w from unnest(string_to_array(folded, ' ')) w where w <> '');
  new.flags := array(select distinct f #>> '{}' from jsonb_path_query(x, 'lax $.**.flags[*]') f order by 1);
  new.issuer_kinds := array(select distinct i ->> 'kind'
    from jsonb_array_elements(coalesce(x #> '{metadata,issuers}', '[]')) i where i ->> 'kind' is not null);
  new.issued_date := x #>> '{metadata,issuedDate,value}';
  new.pages := (x #>> '{document,pages}')::integer;
  new.ocr_pages := (select substring(g ->> 'message' from '^([0-9]+) page')::integer
    from jsonb_array_elements(coalesce(x -> 'diagnostics', '[]')) g where g ->> 'code' = 'ocr' limit 1);
  new.review_fields := jsonb_array_length(coalesce(x #> '{review,fields}', '[]'));
  return new;
end
$derived$;

drop trigger if exists extractions_derived on extractions;
create trigger extractions_derived before insert or update of extraction on extractions
  for each row execute function extractions_derived();
update extractions set extraction = extraction;

create index extractions_search_words on extractions using gin (search_words);
create index extractions_flags on extractions using gin (flags);
create index extractions_issued on extractions (issued_date);
