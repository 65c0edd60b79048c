-- Postings of the legal-form bigrams (有限公司, 股份有限公司, 有限责任公司)
-- are no longer kept or used (db.PostingGrams): most names hold them.
DELETE FROM object_grams WHERE gram IN ('有限', '限公', '公司', '股份', '份有', '责任', '任公')
