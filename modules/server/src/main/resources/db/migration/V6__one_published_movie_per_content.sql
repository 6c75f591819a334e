-- One content, one published movie, for every node on the database: published rows have
-- DELETE_TIME 0, so this key admits one published movie per fingerprint (deleted ones each carry
-- the moment they were deleted). It replaces an in-process lock that one node alone could honour.
ALTER TABLE VS_MOVIE ADD CONSTRAINT UQ_MOVIE_ACTIVE_CONTENT UNIQUE (FILE_MD5, DELETE_TIME);
