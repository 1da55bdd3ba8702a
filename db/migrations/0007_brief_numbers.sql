-- 期号/文号 of issued documents (研判专报, 督办单): taken from a per-year sequence per kind the first
-- time a document is output as final, and kept for good, so printing it again shows the same number.
-- subject names what was issued: 'meeting:<id>' or 'period:<from>/<to>' for a 专报, 'asof:<date>' for a 督办单.
-- (纪要期号 is the meeting's minutes_no, written when the minutes are signed.)
CREATE TABLE brief_numbers (
  kind      TEXT NOT NULL CHECK (kind IN ('weekly', 'supervision')),
  year      INTEGER NOT NULL,
  no        INTEGER NOT NULL CHECK (no >= 1),
  subject   TEXT NOT NULL,
  issued_at TEXT NOT NULL,
  issued_by TEXT NOT NULL,
  PRIMARY KEY (kind, year, no),
  UNIQUE (kind, subject)
) STRICT;
