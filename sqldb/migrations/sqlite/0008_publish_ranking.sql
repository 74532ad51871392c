-- Công khai kết quả xếp hạng trong cơ quan: the ranking of a closed
-- campaign is shown inside the agency (names, totals, ranks). Off by default.
ALTER TABLE campaigns ADD COLUMN publish_ranking BOOLEAN NOT NULL DEFAULT FALSE;
