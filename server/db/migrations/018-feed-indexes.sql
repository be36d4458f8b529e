-- The Atom feeds of the whole country without sorting millions of rows on the event loop.
-- `new.atom` reads reports newest first: SQLite walks this index backwards and stops at the
-- 50th public one (before it sorted every report of the subtree: ~0.8 s for `pl` with
-- 3,000,000 reports). `confirmed.atom` walks the confirmations, newest first, the same way
-- (before it grouped every confirmed history row by report).
CREATE INDEX reports_created ON reports (created_at);
CREATE INDEX report_history_status ON report_history (status, at);
