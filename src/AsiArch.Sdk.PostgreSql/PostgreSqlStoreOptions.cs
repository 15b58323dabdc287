using System.ComponentModel.DataAnnotations;

namespace AsiArch.Sdk.PostgreSql;

/// <summary>
/// Settings of the PostgreSQL experiment and cognition stores, bound from the configuration section
/// <c>AsiArch:Store:PostgreSql</c>. Both stores keep their tables in <see cref="Schema"/> of one database; several runs
/// can share a database with one schema each.
/// </summary>
public sealed class PostgreSqlStoreOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "AsiArch:Store:PostgreSql";

    /// <summary>An Npgsql connection string, e.g. <c>Host=db;Port=5432;Database=asiarch;Username=asiarch;Password=...</c>.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "AsiArch:Store:PostgreSql:ConnectionString must be an Npgsql connection string (Host=...;Database=...;Username=...).")]
    public string ConnectionString { get; set; } = "";

    /// <summary>The schema holding the run's tables; created when missing. Lower-case letters, digits and underscores.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "AsiArch:Store:PostgreSql:Schema must name a schema.")]
    [RegularExpression("^[a-z_][a-z0-9_]{0,62}$", ErrorMessage = "AsiArch:Store:PostgreSql:Schema must be 1-63 lower-case letters, digits or underscores, not starting with a digit.")]
    public string Schema { get; set; } = "public";

    /// <summary>How long one statement may run before it is cancelled.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "AsiArch:Store:PostgreSql:CommandTimeout must be between 1 second and 1 hour.")]
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Buckets of the built-in hashing embedder of the cognition store.</summary>
    [Range(16, 65536, ErrorMessage = "AsiArch:Store:PostgreSql:HashingDimensions must be between 16 and 65536.")]
    public int HashingDimensions { get; set; } = 1024;

    /// <summary>Weight of the full-text ranking in the cognition store's reciprocal-rank fusion; the embedding ranking gets 1 − this.</summary>
    [Range(0.0, 1.0, ErrorMessage = "AsiArch:Store:PostgreSql:LexicalWeight must be between 0 and 1.")]
    public double LexicalWeight { get; set; } = 0.6;

    /// <summary>Checks the settings with the same messages as configuration validation; throws naming the first bad setting.</summary>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public void Validate()
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true))
        {
            throw new ArgumentException(results[0].ErrorMessage);
        }

        try
        {
            _ = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"AsiArch:Store:PostgreSql:ConnectionString is not a valid Npgsql connection string: {ex.Message}", ex);
        }
    }
}
