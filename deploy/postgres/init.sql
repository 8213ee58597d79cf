-- One database per service (DESIGN.md §8). Run once by the postgres image on an empty data
-- directory (mounted into /docker-entrypoint-initdb.d by docker-compose.yml); each service's
-- Flyway migrations create the schema at start.
CREATE DATABASE nexus_identity;
CREATE DATABASE nexus_sessions;
CREATE DATABASE nexus_notes;
CREATE DATABASE nexus_notifications;
