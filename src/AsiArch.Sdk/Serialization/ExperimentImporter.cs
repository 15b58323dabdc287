using System.Text;
using AsiArch.Sdk.Storage;
using Newtonsoft.Json;

namespace AsiArch.Sdk.Serialization;

/// <summary>
/// Imports an export made by <see cref="ExperimentExporter"/> into a store, keeping indexes, statuses and timestamps,
/// in one transaction. The target must implement <see cref="IExperimentStoreTransfer"/> (the SQLite store does) and
/// be empty unless <see cref="ExperimentImportOptions.AllowNonEmptyStore"/> is set. Malformed input raises
/// <see cref="InvalidDataException"/> naming the problem and its position; nothing is written then.
/// </summary>
public sealed class ExperimentImporter
{
    private readonly IExperimentStore _store;

    /// <summary>Creates an importer into <paramref name="store"/>.</summary>
    /// <param name="store">The target store.</param>
    public ExperimentImporter(IExperimentStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    /// <summary>Imports a single-document export from a stream.</summary>
    /// <param name="input">UTF-8 JSON written by <see cref="ExperimentExporter.ExportAsync(Stream, CancellationToken)"/>.</param>
    /// <param name="options">Import options.</param>
    /// <param name="cancellationToken">Cancels before the commit.</param>
    /// <exception cref="InvalidDataException">The input is not a valid export.</exception>
    /// <exception cref="InvalidOperationException">The store is not empty (and that was not allowed) or an index collides.</exception>
    public Task<ExperimentImportSummary> ImportAsync(Stream input, ExperimentImportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var document = Read<ExperimentExportDocument>(input, "the export");
        return ImportAsync(document, options, cancellationToken);
    }

    /// <summary>Imports a single-document export file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">Import options.</param>
    /// <param name="cancellationToken">Cancels before the commit.</param>
    public async Task<ExperimentImportSummary> ImportAsync(string path, ExperimentImportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        await using var stream = File.OpenRead(path);
        var document = Read<ExperimentExportDocument>(stream, $"'{path}'");
        return await ImportAsync(document, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Imports a directory written by <see cref="ExperimentExporter.ExportToDirectoryAsync"/>.</summary>
    /// <param name="directory">The directory.</param>
    /// <param name="options">Import options.</param>
    /// <param name="cancellationToken">Cancels before the commit.</param>
    public async Task<ExperimentImportSummary> ImportFromDirectoryAsync(
        string directory, ExperimentImportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var statePath = Path.Combine(directory, ExperimentExportFiles.State);
        var experimentsPath = Path.Combine(directory, ExperimentExportFiles.Experiments);
        foreach (var required in new[] { statePath, experimentsPath })
        {
            if (!File.Exists(required))
            {
                throw new InvalidDataException($"'{directory}' is not an experiment export: '{Path.GetFileName(required)}' is missing.");
            }
        }

        ExperimentExportDocument state;
        await using (var stream = File.OpenRead(statePath))
        {
            state = Read<ExperimentExportDocument>(stream, $"'{statePath}'");
        }

        List<ExperimentRecord> experiments;
        await using (var stream = File.OpenRead(experimentsPath))
        {
            experiments = Read<List<ExperimentRecord>>(stream, $"'{experimentsPath}'");
        }

        return await ImportAsync(state with { Experiments = experiments }, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Imports a document already in memory.</summary>
    /// <param name="document">The export.</param>
    /// <param name="options">Import options.</param>
    /// <param name="cancellationToken">Cancels before the commit.</param>
    public async Task<ExperimentImportSummary> ImportAsync(
        ExperimentExportDocument document, ExperimentImportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        Validate(document);
        var transfer = _store.GetService<IExperimentStoreTransfer>() ?? throw new NotSupportedException(
            $"{_store.GetType().Name} cannot import: it does not implement {nameof(IExperimentStoreTransfer)}, which keeps indexes and timestamps.");
        var snapshot = new ExperimentStoreSnapshot
        {
            Experiments = document.Experiments,
            Pool = document.Pool,
            Interactions = document.Interactions,
            RunValues = document.RunValues,
        };
        await transfer.WriteSnapshotAsync(snapshot, options?.AllowNonEmptyStore ?? false, cancellationToken).ConfigureAwait(false);
        return new ExperimentImportSummary(document.Experiments.Count, document.Interactions.Count, document.RunValues.Count, document.Pool.Count);
    }

    private static T Read<T>(Stream input, string source)
        where T : class
    {
        try
        {
            using var reader = new StreamReader(input, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, 65536, leaveOpen: true);
            using var json = new JsonTextReader(reader) { CloseInput = false };
            // JSON.NET rejects text after the value itself ("Additional text encountered ..."), with its position.
            var serializer = AsiArchJson.CreateSerializer();
            serializer.CheckAdditionalContent = true;
            var value = serializer.Deserialize<T>(json);
            return value ?? throw new InvalidDataException($"{Capitalize(source)} is empty or null, not an experiment export.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{Capitalize(source)} is not a valid experiment export: {ex.Message}", ex);
        }
    }

    private static void Validate(ExperimentExportDocument document)
    {
        if (document.Format != ExperimentExportDocument.FormatName)
        {
            throw new InvalidDataException(
                $"The export has format '{document.Format}', expected '{ExperimentExportDocument.FormatName}'.");
        }

        if (document.Version > ExperimentExportDocument.CurrentVersion || document.Version < 1)
        {
            throw new InvalidDataException(
                $"The export has format version {document.Version}; this AsiArch.Sdk reads versions 1 to {ExperimentExportDocument.CurrentVersion}.");
        }

        if (document.Experiments is null || document.Pool is null || document.Interactions is null || document.RunValues is null)
        {
            throw new InvalidDataException("The export lacks one of its lists (experiments, pool, interactions, runValues).");
        }

        var indexes = new HashSet<long>();
        for (var i = 0; i < document.Experiments.Count; i++)
        {
            var record = document.Experiments[i] ?? throw new InvalidDataException($"experiments[{i}] is null.");
            if (string.IsNullOrWhiteSpace(record.Name))
            {
                throw new InvalidDataException($"experiments[{i}] (index {record.Index}) has no name.");
            }

            if (record.Index < 1 || !indexes.Add(record.Index))
            {
                throw new InvalidDataException($"experiments[{i}] has index {record.Index}, which is not positive or appears twice.");
            }

            if (!Enum.IsDefined(record.Status) || !Enum.IsDefined(record.Kind))
            {
                throw new InvalidDataException($"Experiment {record.Index} has an unknown status or kind.");
            }
        }

        foreach (var record in document.Experiments)
        {
            if (record.Parent is { } parent && (parent >= record.Index || !indexes.Contains(parent)))
            {
                throw new InvalidDataException($"Experiment {record.Index} names parent {parent}, which is not an earlier experiment of the export.");
            }
        }

        foreach (var index in document.Pool.Where(i => !indexes.Contains(i)))
        {
            throw new InvalidDataException($"The pool names experiment {index}, which the export does not contain.");
        }

        for (var i = 0; i < document.Interactions.Count; i++)
        {
            var interaction = document.Interactions[i] ?? throw new InvalidDataException($"interactions[{i}] is null.");
            if (string.IsNullOrWhiteSpace(interaction.RequestHash) || interaction.Role is null || interaction.Step is null ||
                interaction.Request is null || interaction.Response is null)
            {
                throw new InvalidDataException($"interactions[{i}] lacks its role, step, request hash, request or response.");
            }

            if (interaction.ExperimentIndex is { } index && !indexes.Contains(index))
            {
                throw new InvalidDataException($"interactions[{i}] belongs to experiment {index}, which the export does not contain.");
            }
        }
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
