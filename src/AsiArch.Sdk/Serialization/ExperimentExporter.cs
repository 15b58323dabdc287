using System.Text;
using AsiArch.Sdk.Storage;
using Newtonsoft.Json;

namespace AsiArch.Sdk.Serialization;

/// <summary>
/// Exports an experiment store to JSON: one document (<see cref="ExportAsync(Stream, CancellationToken)"/>) or a
/// directory with ASI-ARCH-style gallery files (<see cref="ExportToDirectoryAsync"/>). Stores that implement
/// <see cref="IExperimentStoreTransfer"/> are read in one consistent snapshot; others through the role contract, which
/// cannot list run values (they are then left out).
/// </summary>
public sealed class ExperimentExporter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private readonly IExperimentStore _store;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates an exporter over <paramref name="store"/>.</summary>
    /// <param name="store">The store to export.</param>
    /// <param name="timeProvider">Clock for <see cref="ExperimentExportDocument.ExportedAt"/>.</param>
    public ExperimentExporter(IExperimentStore store, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Reads the store into an export document.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<ExperimentExportDocument> CreateDocumentAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = _store.GetService<IExperimentStoreTransfer>() is { } transfer
            ? await transfer.ReadSnapshotAsync(cancellationToken).ConfigureAwait(false)
            : await ReadThroughContractAsync(cancellationToken).ConfigureAwait(false);
        return new ExperimentExportDocument
        {
            ExportedAt = _timeProvider.GetUtcNow(),
            Experiments = snapshot.Experiments,
            Tree = snapshot.Experiments.Select(r => new LineageEntry(r.Index, r.Name, r.Parent, r.Score)).ToList(),
            Pool = snapshot.Pool,
            Interactions = snapshot.Interactions,
            RunValues = snapshot.RunValues,
        };
    }

    /// <summary>Writes the whole store as one indented JSON document (UTF-8).</summary>
    /// <param name="output">Where to write; left open.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    public async Task ExportAsync(Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        var document = await CreateDocumentAsync(cancellationToken).ConfigureAwait(false);
        await WriteJsonAsync(output, document, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the whole store as one JSON file.</summary>
    /// <param name="path">The file; replaced when it exists.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    public async Task ExportAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var document = await CreateDocumentAsync(cancellationToken).ConfigureAwait(false);
        await WriteFileAsync(path, document, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes <see cref="ExperimentExportFiles.Experiments"/> (full records), <see cref="ExperimentExportFiles.Tree"/>
    /// (lineage) and <see cref="ExperimentExportFiles.State"/> (format, pool, interactions, run values) into a directory.
    /// </summary>
    /// <param name="directory">Created when missing.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    public async Task ExportToDirectoryAsync(string directory, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var document = await CreateDocumentAsync(cancellationToken).ConfigureAwait(false);
        Directory.CreateDirectory(directory);
        await WriteFileAsync(Path.Combine(directory, ExperimentExportFiles.Experiments), document.Experiments, cancellationToken).ConfigureAwait(false);
        await WriteFileAsync(Path.Combine(directory, ExperimentExportFiles.Tree), document.Tree, cancellationToken).ConfigureAwait(false);
        await WriteFileAsync(
            Path.Combine(directory, ExperimentExportFiles.State),
            document with { Experiments = [], Tree = [] },
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<ExperimentStoreSnapshot> ReadThroughContractAsync(CancellationToken cancellationToken)
    {
        var experiments = await _store.QueryAsync(new ExperimentQuery(), cancellationToken).ConfigureAwait(false);
        var interactions = new List<ModelInteraction>(await _store.GetInteractionsAsync(null, cancellationToken).ConfigureAwait(false));
        foreach (var record in experiments)
        {
            interactions.AddRange(await _store.GetInteractionsAsync(record.Index, cancellationToken).ConfigureAwait(false));
        }

        return new ExperimentStoreSnapshot
        {
            Experiments = experiments,
            Pool = await _store.GetPoolAsync(cancellationToken).ConfigureAwait(false),
            Interactions = interactions.OrderBy(i => i.CreatedAt).ToList(),
        };
    }

    private static async Task WriteFileAsync(string path, object value, CancellationToken cancellationToken)
    {
        // Write beside the target and move into place, so a crash never leaves half an export under the real name.
        var temporary = path + ".tmp";
        await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 65536, useAsync: true))
        {
            await WriteJsonAsync(stream, value, cancellationToken).ConfigureAwait(false);
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static async Task WriteJsonAsync(Stream output, object value, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(output, Utf8, 65536, leaveOpen: true);
        using (var json = new JsonTextWriter(writer) { CloseOutput = false })
        {
            AsiArchJson.CreateSerializer(indented: true).Serialize(json, value);
        }

        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
