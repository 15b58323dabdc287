using System.Data.Common;
using System.Globalization;
using AsiArch.Sdk.Serialization;

namespace AsiArch.Sdk.Storage;

/// <summary>
/// Maps <see cref="ExperimentRecord"/> to the <c>experiments</c> row and back (nested parts as JSON text), for every
/// ADO.NET store (SQLite and PostgreSQL share the row layout; both providers accept <c>@name</c> parameters).
/// </summary>
internal static class ExperimentRows
{
    /// <summary>The column list every SELECT uses, in the order <see cref="Read"/> expects.</summary>
    public const string Columns =
        "idx, parent, name, kind, status, failure_json, motivation, program, design_spec, profile, seed, probes_json, " +
        "result_json, judgement_json, fitness_json, analysis_json, cognition_json, attempts_json, log, sandbox, " +
        "costs_json, created_at, updated_at, properties_json";

    /// <summary>Same columns qualified with the alias <c>e</c>.</summary>
    public static readonly string QualifiedColumns = string.Join(", ", Columns.Split(", ").Select(c => "e." + c));

    private const string WritableColumns =
        "parent, name, kind, status, failure_kind, failure_json, motivation, program, design_spec, profile, seed, " +
        "probes_json, result_json, judgement_json, fitness_json, score, analysis_json, cognition_json, attempts_json, log, " +
        "sandbox, costs_json, created_at, updated_at, properties_json";

    public static readonly string InsertSql =
        $"INSERT INTO experiments (idx, {WritableColumns}) VALUES (@idx, " +
        string.Join(", ", WritableColumns.Split(", ").Select(c => "@" + c)) + ")";

    public static readonly string UpdateSql =
        "UPDATE experiments SET " + string.Join(", ", WritableColumns.Split(", ").Select(c => $"{c} = @{c}")) +
        " WHERE idx = @idx";

    /// <summary>Binds every column of <paramref name="record"/>; <paramref name="allocateIndex"/> leaves idx to the database.</summary>
    public static void Bind(DbCommand command, ExperimentRecord record, bool allocateIndex = false)
    {
        command.Parameters.Clear();
        var p = new Binder(command);
        p.AddWithValue("idx", allocateIndex ? DBNull.Value : record.Index);
        p.AddWithValue("parent", (object?)record.Parent ?? DBNull.Value);
        p.AddWithValue("name", record.Name);
        p.AddWithValue("kind", record.Kind.ToString());
        p.AddWithValue("status", record.Status.ToString());
        p.AddWithValue("failure_kind", (object?)record.Failure?.Kind.ToString() ?? DBNull.Value);
        p.AddWithValue("failure_json", Json(record.Failure));
        p.AddWithValue("motivation", record.Motivation ?? "");
        p.AddWithValue("program", record.Program ?? "");
        p.AddWithValue("design_spec", (object?)record.DesignSpec ?? DBNull.Value);
        p.AddWithValue("profile", (object?)record.ProfileName ?? DBNull.Value);
        p.AddWithValue("seed", record.Seed);
        p.AddWithValue("probes_json", Json(record.Probes));
        p.AddWithValue("result_json", Json(record.Result));
        p.AddWithValue("judgement_json", Json(record.Judgement));
        p.AddWithValue("fitness_json", Json(record.Fitness));
        p.AddWithValue("score", record.Fitness is { } f && double.IsFinite(f.Total) ? f.Total : DBNull.Value);
        p.AddWithValue("analysis_json", Json(record.Analysis));
        p.AddWithValue("cognition_json", AsiArchJson.Serialize(record.Cognition ?? []));
        p.AddWithValue("attempts_json", AsiArchJson.Serialize(record.Attempts ?? []));
        p.AddWithValue("log", record.Log ?? "");
        p.AddWithValue("sandbox", record.Sandbox.ToString());
        p.AddWithValue("costs_json", AsiArchJson.Serialize(record.Costs ?? ExperimentCosts.None));
        p.AddWithValue("created_at", FormatTime(record.CreatedAt));
        p.AddWithValue("updated_at", FormatTime(record.UpdatedAt));
        p.AddWithValue("properties_json", Json(record.AdditionalProperties));
    }

    /// <summary>Reads a row selected with <see cref="Columns"/>.</summary>
    public static ExperimentRecord Read(DbDataReader reader)
    {
        var index = reader.GetInt64(0);
        try
        {
            return new ExperimentRecord
            {
                Index = index,
                Parent = reader.IsDBNull(1) ? null : reader.GetInt64(1),
                Name = reader.GetString(2),
                Kind = Enum.Parse<ExperimentKind>(reader.GetString(3)),
                Status = Enum.Parse<ExperimentStatus>(reader.GetString(4)),
                Failure = FromJson<ExperimentFailure>(reader, 5),
                Motivation = reader.GetString(6),
                Program = reader.GetString(7),
                DesignSpec = reader.IsDBNull(8) ? null : reader.GetString(8),
                ProfileName = reader.IsDBNull(9) ? null : reader.GetString(9),
                Seed = reader.GetInt32(10),
                Probes = FromJson<ProbeReport>(reader, 11),
                Result = FromJson<TrainingResult>(reader, 12),
                Judgement = FromJson<QualityJudgement>(reader, 13),
                Fitness = FromJson<FitnessScore>(reader, 14),
                Analysis = FromJson<AnalysisReport>(reader, 15),
                Cognition = FromJson<List<CognitionHit>>(reader, 16) ?? [],
                Attempts = FromJson<List<RepairAttempt>>(reader, 17) ?? [],
                Log = reader.GetString(18),
                Sandbox = Enum.Parse<SandboxLevel>(reader.GetString(19)),
                Costs = FromJson<ExperimentCosts>(reader, 20) ?? ExperimentCosts.None,
                CreatedAt = ParseTime(reader.GetString(21)),
                UpdatedAt = ParseTime(reader.GetString(22)),
                AdditionalProperties = FromJson<AdditionalPropertiesDictionary>(reader, 23),
            };
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or Newtonsoft.Json.JsonException or InvalidCastException)
        {
            throw new ExperimentStoreException($"Experiment {index} is stored in a form this library cannot read: {ex.Message}", ex);
        }
    }

    public static string FormatTime(DateTimeOffset time) => time.ToString("o", CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.ParseExact(text, "o", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    private static object Json(object? value) => value is null ? DBNull.Value : AsiArchJson.Serialize(value);

    private static T? FromJson<T>(DbDataReader reader, int ordinal)
        where T : class =>
        reader.IsDBNull(ordinal) ? null : AsiArchJson.Deserialize<T>(reader.GetString(ordinal));

    /// <summary>Adds named parameters through the provider-neutral <see cref="DbCommand"/> API.</summary>
    private readonly struct Binder(DbCommand command)
    {
        public void AddWithValue(string name, object value)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
    }
}
