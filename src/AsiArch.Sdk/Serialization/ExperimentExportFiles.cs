namespace AsiArch.Sdk.Serialization;

/// <summary>File names of a directory export.</summary>
public static class ExperimentExportFiles
{
    /// <summary>The list of full experiment records (like ASI-ARCH's <c>106.json</c>).</summary>
    public const string Experiments = "experiments.json";

    /// <summary>The lineage list of {index, name, parent, score} (like ASI-ARCH's <c>tree.json</c>).</summary>
    public const string Tree = "tree.json";

    /// <summary>Format header, pool, model interactions and run values.</summary>
    public const string State = "store.json";
}
