using System.ComponentModel.DataAnnotations;

namespace AsiArch.Sdk.Storage.Sqlite;

/// <summary>Settings of the SQLite experiment store, bound from the configuration section <c>AsiArch:Store</c>.</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "AsiArch:Store";

    /// <summary>Path of the database file (one file per run holds every store's tables). Created when missing.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "AsiArch:Store:Path must name the SQLite database file.")]
    public string Path { get; set; } = "";

    /// <summary>How long a write waits for another connection or process to release the database lock.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ErrorMessage = "AsiArch:Store:BusyTimeout must be between 0 and 1 hour.")]
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Run SQLite's <c>quick_check</c> when the store opens, so a damaged file is reported before any write.</summary>
    public bool VerifyOnOpen { get; set; } = true;
}
