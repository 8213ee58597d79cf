-- Who had a place when the recap went out: a sent recap's view keeps showing them, whatever RSVPs
-- change afterwards (null: a recap sent before this column, shown with today's places).
alter table recaps add column attended uuid[];
