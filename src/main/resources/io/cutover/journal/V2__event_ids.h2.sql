-- Event ids come from H2's one sequence, shared by every process through the store's server: with the default cache
-- of 32 it writes its state to the store's metadata every few events, most of a run journal's cost. A larger cache
-- keeps the order; a kill only leaves a gap in the ids.
ALTER TABLE cutover_events ALTER COLUMN id SET CACHE 1000;
