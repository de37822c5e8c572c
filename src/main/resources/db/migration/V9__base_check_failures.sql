-- Issue 13: transient check failures in a row. The watch retries after 1 s, 2 s, 4 s … and reports a base
-- unreachable only when the retries are used up; a successful check resets the count.
ALTER TABLE base ADD COLUMN check_failures INT NOT NULL DEFAULT 0;
