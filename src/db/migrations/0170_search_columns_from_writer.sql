-- Issue 11: the search columns of a result are derived by the writer (src/store/search-columns.ts, the same fold
-- over the same table) instead of by this trigger: on the embedded database the trigger's kehoach_fold and its
-- `$.**.flags` walk were about half of the database's time per document. The trigger still derives them when the
-- writer did not: a row inserted without search_text, or an update that leaves search_text as it was (a writer
-- that changed the extraction without deriving). Writers that derive supply search_text (' ' || folded || ' ')
-- and flags (every flag value, in any order); the words and the sorted, distinct flags are made here either way,
-- so both paths store exactly the same.
create or replace function extractions_derived() returns trigger language plpgsql as $derived$
declare
  x jsonb := new.extraction;
  folded text;
begin
  if new.search_text is null or (tg_op = 'UPDATE' and new.search_text is not distinct from old.search_text) then
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
    new.flags := array(select f #>> '{}' from jsonb_path_query(x, 'lax $.**.flags[*]') f);
  else
    folded := btrim(new.search_text, ' ');
  end if;
  new.search_words := array(select distinct w from unnest(string_to_array(folded, ' ')) w where w <> '');
  new.flags := array(select distinct f from unnest(new.flags) f order by 1);
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
