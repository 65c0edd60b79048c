-- Names are searched by fragment (postings, LIKE '%…%'), never by prefix or
-- in name order, so no query reads this index; every import paid for it.
DROP INDEX objects_name
