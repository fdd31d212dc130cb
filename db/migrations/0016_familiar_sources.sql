-- A source that signed in as a user is familiar to that user for a while: once the account counter
-- is engaged, familiar sources are not slowed down, and the unfamiliar ones share one slowed budget,
-- kept on the account row (source '') in last_check_at.
alter table password_attempts add column last_success_at timestamptz;
alter table password_attempts drop column slowed;
