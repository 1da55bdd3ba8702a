-- Placeholder on the issue-14 branch only, so that 0007 loads in order. Another branch brings the
-- real 0005; at merge this file is dropped in favour of that one.
SELECT 1;
