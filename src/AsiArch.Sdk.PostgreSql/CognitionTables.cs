namespace AsiArch.Sdk.PostgreSql;

/// <summary>
/// The cognition store's tables. The full-text vector weighs trigger patterns A, the source title B and the other fields
/// C (English stemming, as SQLite's porter tokenizer); embeddings are float4 arrays tagged with their model.
/// </summary>
internal static class CognitionTables
{
    public static readonly TableSchema Schema = new(
        "cognition",
        "cognition_entries",
        [
            """
            CREATE TABLE cognition_entries (
                id                      text PRIMARY KEY,
                trigger_patterns        text NOT NULL,
                background              text NOT NULL,
                algorithmic_innovation  text NOT NULL,
                design_insight          text NOT NULL,
                implementation_guidance text NOT NULL,
                source_title            text NULL,
                source_arxiv            text NULL,
                source_year             integer NULL,
                source_authors          text NULL,
                kind                    text NOT NULL,
                experiment_index        bigint NULL,
                created_at              text NOT NULL,
                embedding               real[] NOT NULL,
                embedding_model         text NOT NULL,
                search                  tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('english'::regconfig, trigger_patterns), 'A') ||
                    setweight(to_tsvector('english'::regconfig, coalesce(source_title, '')), 'B') ||
                    setweight(to_tsvector('english'::regconfig,
                        background || ' ' || algorithmic_innovation || ' ' || design_insight || ' ' || implementation_guidance), 'C')) STORED
            );
            CREATE INDEX cognition_entries_search ON cognition_entries USING gin(search);
            """,
        ]);
}
