-- Each review pair carries its explanation (issue #20): per field, the comparison level reached and
-- its weight (agreed strongly / partly / disagreed / missing), never a value; and the estimated match
-- probability. Both come from the estimated method; a pair from the Dice method has none.
ALTER TABLE linkage_reviews ADD COLUMN probability double precision
  CHECK (probability IS NULL OR (probability >= 0 AND probability <= 1));
ALTER TABLE linkage_reviews ADD COLUMN evidence jsonb NOT NULL DEFAULT '[]';
