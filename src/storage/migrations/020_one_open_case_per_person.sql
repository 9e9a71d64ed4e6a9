-- Persons, not cases: a person the organisation already knows can be given a new case (a new
-- intake and risk assessment for the same person row, so she keeps one identity and one network
-- person id). She is followed in one open case at a time: an open or paused case is continued
-- or reopened rather than duplicated. The services check this and name the open case; this
-- index makes it hold under concurrent requests too.
CREATE UNIQUE INDEX cases_one_open_per_person ON cases (organisation_id, person_id) WHERE status <> 'closed';

-- persons.is_minor stays: it is her minority when her date of birth was last recorded, shown as a
-- badge. It no longer feeds the Palermo derivation, which reads only the identification record
-- (her age at the time of the acts). Identification records written before this change carry an
-- `isMinor` copied from her age at intake; that was never an answer about the time of the acts,
-- so the services ignore it (the record counts as "age at the acts unknown") and it is left in
-- place as history rather than rewritten.
