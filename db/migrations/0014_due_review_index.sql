-- 0014 (issue 15, 我的周一 at 100,000 risks): the open risks by their next review (下次研判).
-- "Due for review by a date" (db/agendaReasons.ts DUE_FOR_REVIEW: 我的周一's list and count, the agenda's
-- 到期研判) read every risk row to find next_review, the table's last column: ~0.3 s at 100,000
-- risks. Partial on the same terms as that query, so it is used for it and holds only open risks.
CREATE INDEX risks_open_by_review ON risks(next_review, level, code)
  WHERE deleted_at IS NULL AND status NOT IN {{CLOSED_STATUSES}};
