namespace AsiArch.Sdk.PostgreSql;

/// <summary>The experiment store's tables. Times are ISO-8601 text (exact round trip of offset and ticks), JSON parts are text.</summary>
internal static class ExperimentTables
{
    public const string IndexCounter = "experiment_index";

    public static readonly TableSchema Schema = new(
        "experiments",
        "experiments",
        [
            """
            CREATE TABLE experiments (
                idx             bigint PRIMARY KEY,
                parent          bigint NULL,
                name            text NOT NULL,
                kind            text NOT NULL,
                status          text NOT NULL,
                failure_kind    text NULL,
                failure_json    text NULL,
                motivation      text NOT NULL,
                program         text NOT NULL,
                design_spec     text NULL,
                profile         text NULL,
                seed            integer NOT NULL,
                probes_json     text NULL,
                result_json     text NULL,
                judgement_json  text NULL,
                fitness_json    text NULL,
                score           double precision NULL,
                analysis_json   text NULL,
                cognition_json  text NOT NULL,
                attempts_json   text NOT NULL,
                log             text NOT NULL,
                sandbox         text NOT NULL,
                costs_json      text NOT NULL,
                created_at      text NOT NULL,
                updated_at      text NOT NULL,
                properties_json text NULL,
                search          tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('simple'::regconfig, name), 'A') ||
                    setweight(to_tsvector('simple'::regconfig, motivation), 'B')) STORED
            );
            CREATE INDEX experiments_parent ON experiments(parent);
            CREATE INDEX experiments_status ON experiments(status);
            CREATE INDEX experiments_score ON experiments(score DESC, idx);
            CREATE INDEX experiments_search ON experiments USING gin(search);

            CREATE TABLE experiment_pool (
                rank integer PRIMARY KEY,
                idx  bigint NOT NULL UNIQUE
            );

            CREATE TABLE experiment_interactions (
                id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                experiment_idx bigint NULL,
                role           text NOT NULL,
                step           text NOT NULL,
                request_hash   text NOT NULL,
                request        text NOT NULL,
                response       text NOT NULL,
                model          text NULL,
                usage_json     text NOT NULL,
                created_at     text NOT NULL
            );
            CREATE INDEX experiment_interactions_hash ON experiment_interactions(request_hash, id);
            CREATE INDEX experiment_interactions_experiment ON experiment_interactions(experiment_idx, id);

            CREATE TABLE experiment_run_values (
                key   text PRIMARY KEY,
                value text NOT NULL
            );

            CREATE TABLE experiment_counters (
                name  text PRIMARY KEY,
                value bigint NOT NULL
            );

            CREATE TABLE experiment_leases (
                idx         bigint PRIMARY KEY REFERENCES experiments(idx) ON DELETE CASCADE,
                owner       text NOT NULL,
                acquired_at timestamptz NOT NULL,
                expires_at  timestamptz NOT NULL
            );
            CREATE INDEX experiment_leases_owner ON experiment_leases(owner);
            """,
        ]);
}
