-- Optimistic concurrency for staff edits: every staff change bumps version and must name the
-- version it was based on. duplicate_of links a report hidden as a duplicate to its original.
ALTER TABLE reports ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE reports ADD COLUMN duplicate_of TEXT REFERENCES reports (id);
